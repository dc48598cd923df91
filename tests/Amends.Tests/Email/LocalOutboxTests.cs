using Amends.Email;
using Amends.Storefront;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Amends.Tests.Email;

/// <summary>The local outbox keeps one file per message id, however often and however concurrently a step sends it.</summary>
public sealed class LocalOutboxTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("amends-outbox-test-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task The_same_email_sent_at_once_and_again_later_is_in_the_outbox_once()
    {
        var outbox = Outbox();
        var email = new OutgoingEmail("AMD-OUTBOX01.entry-1@shop.example", "giulia@example.it", "Giulia Rossi", "[AMD-OUTBOX01] Update", "Hello.");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => outbox.SendAsync(email, TestContext.Current.CancellationToken))));
        var first = Assert.Single(outbox.List());
        await outbox.SendAsync(email, TestContext.Current.CancellationToken);
        await outbox.SendAsync(email with { MessageId = "AMD-OUTBOX01.entry-2@shop.example" }, TestContext.Current.CancellationToken);

        var all = outbox.List();
        Assert.Equal(2, all.Count);
        Assert.Equal(first.Name, all[0].Name);
    }

    [Fact]
    public async Task An_email_with_html_is_multipart_alternative_plain_text_first_from_the_stores_name()
    {
        var outbox = Outbox();
        var email = new OutgoingEmail("AMD-OUTBOX02.entry-1@shop.example", "giulia@example.it", "Giulia Rossi", "[AMD-OUTBOX02] Update", "Hello.",
            [new EmailAttachment("RET-1.pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46])], Html: "<p>Hello.</p>");

        await outbox.SendAsync(email, TestContext.Current.CancellationToken);

        using var message = await MimeMessage.LoadAsync(Path.Combine(folder.FullName, Assert.Single(outbox.List()).Name), TestContext.Current.CancellationToken);
        Assert.Equal("Casa Bella", message.From.Mailboxes.Single().Name);
        var alternative = Assert.IsType<MultipartAlternative>(Assert.IsType<Multipart>(message.Body)[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("Hello.", message.TextBody);
        Assert.Equal("<p>Hello.</p>", message.HtmlBody);
        Assert.Equal("RET-1.pdf", Assert.Single(message.Attachments.OfType<MimePart>()).FileName);
    }

    private LocalOutbox Outbox() => new(
        Options.Create(new EmailOptions { OutboxPath = folder.FullName }), Options.Create(new StoreIdentity { Name = "Casa Bella" }), TimeProvider.System);
}
