using System.Net;
using Amends.Email;
using Amends.Storefront;
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
        var sender = new SendGridSender(client.Object, Options.Create(new EmailOptions()), Options.Create(new StoreIdentity()));
        byte[] pdf = [0x25, 0x50, 0x44, 0x46, 0x2D];

        await sender.SendAsync(
            new OutgoingEmail("AMD-1.entry-1@shop.example", "ola@example.no", "Ola", "Subject", "Body", [new EmailAttachment("RET-1.pdf", "application/pdf", pdf)]),
            TestContext.Current.CancellationToken);

        var attachment = Assert.Single(sent!.Attachments);
        Assert.Equal(("RET-1.pdf", "application/pdf", "attachment"), (attachment.Filename, attachment.Type, attachment.Disposition));
        Assert.Equal(pdf, Convert.FromBase64String(attachment.Content));
    }

    [Fact]
    public async Task Threading_headers_go_to_sendgrid_as_custom_headers_in_angle_brackets()
    {
        SendGridMessage? sent = null;
        var client = new Mock<ISendGridClient>();
        client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .Callback<SendGridMessage, CancellationToken>((message, _) => sent = message)
            .ReturnsAsync(new Response(HttpStatusCode.Accepted, null, null));
        var sender = new SendGridSender(client.Object, Options.Create(new EmailOptions()), Options.Create(new StoreIdentity()));

        await sender.SendAsync(
            new OutgoingEmail("AMD-1.acknowledgement@shop.example", "ola@example.no", "Ola", "Re: Kjelen lekker [AMD-1]", "Body",
                InReplyTo: "CAHx7=Lp3q9@mail.example.no", References: ["CAHx7=Lp3q9@mail.example.no", "AMD-1.acknowledgement@shop.example"]),
            TestContext.Current.CancellationToken);

        // The v3 API takes custom headers per personalization; neither is one of its reserved headers.
        var headers = Assert.Single(sent!.Personalizations).Headers;
        Assert.Equal("<CAHx7=Lp3q9@mail.example.no>", headers["In-Reply-To"]);
        Assert.Equal("<CAHx7=Lp3q9@mail.example.no> <AMD-1.acknowledgement@shop.example>", headers["References"]);
        Assert.Equal("Re: Kjelen lekker [AMD-1]", sent.Personalizations[0].Subject ?? sent.Subject);
    }

    [Fact]
    public async Task Both_parts_go_to_sendgrid_from_the_stores_name()
    {
        SendGridMessage? sent = null;
        var client = new Mock<ISendGridClient>();
        client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .Callback<SendGridMessage, CancellationToken>((message, _) => sent = message)
            .ReturnsAsync(new Response(HttpStatusCode.Accepted, null, null));
        var sender = new SendGridSender(client.Object, Options.Create(new EmailOptions()), Options.Create(new StoreIdentity { Name = "Casa Bella" }));

        await sender.SendAsync(
            new OutgoingEmail("AMD-1.entry-1@shop.example", "ola@example.no", "Ola", "Subject", "Body", Html: "<p>Body</p>"),
            TestContext.Current.CancellationToken);

        Assert.Equal("Casa Bella", sent!.From.Name);
        // SendGrid wants text/plain before text/html; it sends them as multipart/alternative.
        Assert.Equal([("text/plain", "Body"), ("text/html", "<p>Body</p>")], sent.Contents.Select(c => (c.Type, c.Value)));
    }
}
