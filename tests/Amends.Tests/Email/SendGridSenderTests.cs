using System.Net;
using Amends.Email;
using Microsoft.Extensions.Options;
using Moq;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Amends.Tests.Email;

/// <summary>What the SendGrid sender hands to SendGrid.</summary>
public sealed class SendGridSenderTests
{
    [Fact]
    public async Task Attachments_go_to_sendgrid_base64_encoded_with_name_and_type()
    {
        SendGridMessage? sent = null;
        var client = new Mock<ISendGridClient>();
        client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .Callback<SendGridMessage, CancellationToken>((message, _) => sent = message)
            .ReturnsAsync(new Response(HttpStatusCode.Accepted, null, null));
        var sender = new SendGridSender(client.Object, Options.Create(new EmailOptions()));
        byte[] pdf = [0x25, 0x50, 0x44, 0x46, 0x2D];

        await sender.SendAsync(
            new OutgoingEmail("AMD-1.entry-1@shop.example", "ola@example.no", "Ola", "Subject", "Body", [new EmailAttachment("RET-1.pdf", "application/pdf", pdf)]),
            TestContext.Current.CancellationToken);

        var attachment = Assert.Single(sent!.Attachments);
        Assert.Equal(("RET-1.pdf", "application/pdf", "attachment"), (attachment.Filename, attachment.Type, attachment.Disposition));
        Assert.Equal(pdf, Convert.FromBase64String(attachment.Content));
    }
}
