using System.Net;
using System.Text;
using Amends.Acknowledge;
using Amends.Testing;
using Amends.Tests.EndToEnd;
using Amends.Tests.Fixtures;

namespace Amends.Tests.Telemetry;

/// <summary>
/// The standalone server process, told of a collector by the standard OpenTelemetry variables: what it sends
/// there over OTLP (traces and measures, no logs), and that none of it holds the customer's data.
/// </summary>
public sealed class ServerExportTests(AzuriteFixture azurite)
{
    private const string Email = "bronislawa.eksport@example.pl";
    private const string Name = "Bronisława Eksportowa";
    private const string Order = "#ORD-5521-OTLP";
    private const string Description = "Czajnik Borealis przyszedł z pękniętą pokrywką.";

    [Fact]
    public async Task The_server_sends_traces_and_measures_to_the_named_collector_and_nothing_of_the_customers()
    {
        await using var collector = new OtlpCollector();
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url.TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        using var store = new StoreApi(server);

        var (created, view) = await store.CreateAsync(new { customerEmail = Email, customerName = Name, language = "pl", orderNumber = Order, description = Description });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = view!.Incident.Id;
        await store.WaitForEmailAsync(id, "acknowledgement");

        await Poll.UntilFoundAsync(() => collector.Find("/v1/traces", $"step {AcknowledgeCustomer.Name}", id), "the acknowledgement step's span at the collector");
        await Poll.UntilFoundAsync(() => collector.Find("/v1/metrics", "amends.acknowledgement.time"), "the time to acknowledge at the collector");

        var posts = collector.Posts();
        Assert.DoesNotContain(posts, post => post.Path.EndsWith("/v1/logs", StringComparison.Ordinal));
        foreach (var word in new[] { Email, Name, Order, Description, "Bronisława", "Borealis" })
        {
            Assert.DoesNotContain(posts, post => post.Text.Contains(word, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>One OTLP/HTTP export: where it was posted and its protobuf body read as UTF-8 (strings are stored as such).</summary>
    private sealed record Export(string Path, string Text);

    /// <summary>Stands in for an OpenTelemetry collector's OTLP/HTTP receiver.</summary>
    private sealed class OtlpCollector() : LoopbackReceiver("otlp", failFirst: 0)
    {
        private readonly Lock gate = new();
        private readonly List<Export> posts = [];

        public IReadOnlyList<Export> Posts()
        {
            lock (gate)
            {
                return [.. posts];
            }
        }

        /// <summary>The first export to <paramref name="path"/> that holds every one of <paramref name="words"/>.</summary>
        public Export? Find(string path, params string[] words) =>
            Posts().FirstOrDefault(post => post.Path.EndsWith(path, StringComparison.Ordinal) && words.All(word => post.Text.Contains(word, StringComparison.Ordinal)));

        protected override void Record(HttpListenerRequest request, byte[] body)
        {
            lock (gate)
            {
                posts.Add(new Export(request.Url!.AbsolutePath, Encoding.UTF8.GetString(body)));
            }
        }
    }
}
