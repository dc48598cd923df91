using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amends.Tests.Fixtures;

/// <summary>
/// The product library configured as a host would configure it (<c>AddAmends</c> over configuration),
/// but on the test assembly's Azurite, with tables of its own (a fresh <see cref="TablePrefix"/>) and
/// its own outbox folder, so every owner of one is isolated from every other test.
/// </summary>
public sealed class AmendsTestServices : IDisposable
{
    /// <summary>Configures Amends on <paramref name="azurite"/>.</summary>
    /// <param name="azurite">The assembly's storage emulator.</param>
    /// <param name="silenceLimit">How long a customer may go without news (<c>Amends:Silence:Limit</c>).</param>
    /// <param name="turnsPerGeneration">Waits per orchestration generation (<c>Amends:Silence:TurnsPerGeneration</c>).</param>
    /// <param name="settings">Any further configuration keys.</param>
    public AmendsTestServices(
        AzuriteFixture azurite,
        TimeSpan? silenceLimit = null,
        int? turnsPerGeneration = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        TablePrefix = AzuriteFixture.NewTablePrefix();
        OutboxPath = Directory.CreateTempSubdirectory("amends-outbox-").FullName;
        Dictionary<string, string?> values = new()
        {
            ["Amends:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Amends:Storage:TablePrefix"] = TablePrefix,
            ["Amends:Email:OutboxPath"] = OutboxPath,
        };
        if (silenceLimit is { } limit)
        {
            values["Amends:Silence:Limit"] = limit.ToString("c", CultureInfo.InvariantCulture);
        }

        if (turnsPerGeneration is { } turns)
        {
            values["Amends:Silence:TurnsPerGeneration"] = turns.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>The prefix of every table these services use.</summary>
    public string TablePrefix { get; }

    /// <summary>The local outbox folder emails are written to.</summary>
    public string OutboxPath { get; }

    /// <summary>The in-memory configuration given to <c>AddAmends</c>.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Adds the product library to <paramref name="services"/>, as a host does.</summary>
    public IServiceCollection AddTo(IServiceCollection services) => services.AddAmends(Configuration);

    /// <summary>
    /// A service provider with the product library and its tables created; <paramref name="configure"/>
    /// may replace services afterwards (e.g. a <c>FakeTimeProvider</c> as <see cref="TimeProvider"/>).
    /// </summary>
    public async Task<ServiceProvider> BuildAsync(Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        var services = AddTo(new ServiceCollection());
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.EnsureStorageAsync(cancellationToken);
        return provider;
    }

    /// <summary>The emails in the outbox, oldest first.</summary>
    public IReadOnlyList<SentEmail> Outbox()
    {
        List<SentEmail> emails = [];
        foreach (var file in new DirectoryInfo(OutboxPath).EnumerateFiles("*.eml").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            using var message = MimeMessage.Load(file.FullName);
            emails.Add(new SentEmail(
                file.Name,
                message.MessageId ?? "",
                message.To.Mailboxes.Single().Address,
                message.Subject ?? "",
                message.TextBody ?? "",
                message.Date,
                [.. message.Attachments.OfType<MimePart>().Select(Attachment)],
                message.InReplyTo,
                [.. message.References]));
        }

        return emails;
    }

    private static SentAttachment Attachment(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        return new SentAttachment(part.FileName ?? "", part.ContentType.MimeType, content.ToArray());
    }

    /// <summary>Deletes the outbox folder.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(OutboxPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: an activity may still be writing into it while the host stops.
        }
    }
}

/// <summary>One email of the local outbox, as the customer would read it.</summary>
/// <param name="FileName">The <c>.eml</c> file's name.</param>
/// <param name="MessageId">Its Message-ID: <c>{incident}.{step}@{domain}</c>.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="Date">When it was written.</param>
/// <param name="Attachments">The files sent with it.</param>
/// <param name="InReplyTo">The Message-ID it answers, if any.</param>
/// <param name="References">The conversation's Message-IDs it names.</param>
public sealed record SentEmail(
    string FileName, string MessageId, string To, string Subject, string Body, DateTimeOffset Date, IReadOnlyList<SentAttachment> Attachments,
    string? InReplyTo, IReadOnlyList<string> References)
{
    /// <summary>The workflow step that sent it (<c>acknowledgement</c>, <c>silence-…</c>, <c>entry-…</c>, <c>apology</c>).</summary>
    public string Step => MessageId[(MessageId.IndexOf('.', StringComparison.Ordinal) + 1)..MessageId.IndexOf('@', StringComparison.Ordinal)];

    /// <summary>The incident it is about.</summary>
    public string IncidentId => MessageId[..MessageId.IndexOf('.', StringComparison.Ordinal)];
}

/// <summary>A file sent with an email of the local outbox.</summary>
/// <param name="FileName">Its name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Content">Its decoded bytes.</param>
public sealed record SentAttachment(string FileName, string ContentType, byte[] Content);
