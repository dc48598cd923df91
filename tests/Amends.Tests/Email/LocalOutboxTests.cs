using Amends.Email;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Email;

/// <summary>The local outbox keeps one file per message id, however often and however concurrently a step sends it.</summary>
public sealed class LocalOutboxTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("amends-outbox-test-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task The_same_email_sent_at_once_and_again_later_is_in_the_outbox_once()
    {
        var outbox = new LocalOutbox(Options.Create(new EmailOptions { OutboxPath = folder.FullName }), TimeProvider.System);
        var email = new OutgoingEmail("AMD-OUTBOX01.entry-1@shop.example", "giulia@example.it", "Giulia Rossi", "[AMD-OUTBOX01] Update", "Hello.");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => outbox.SendAsync(email, TestContext.Current.CancellationToken))));
        var first = Assert.Single(outbox.List());
        await outbox.SendAsync(email, TestContext.Current.CancellationToken);
        await outbox.SendAsync(email with { MessageId = "AMD-OUTBOX01.entry-2@shop.example" }, TestContext.Current.CancellationToken);

        var all = outbox.List();
        Assert.Equal(2, all.Count);
        Assert.Equal(first.Name, all[0].Name);
    }
}
