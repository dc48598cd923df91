using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Amends.Testing;

/// <summary>
/// Drives incidents through their whole life over the HTTP API, as a store's back end and staff would,
/// on a server that may fail or vanish under them: every call is tried again after a 5xx or a refused
/// connection, and a staff action whose answer was lost is checked in the incident before it is repeated
/// (a repeated resolution would be a second email). Shared by the fault-injection test and bench/.
/// </summary>
public sealed class LifecycleDriver(ServerProcess server, TimeSpan patience)
{
    /// <summary>Every way staff can resolve an incident.</summary>
    public static IReadOnlyList<string> Resolutions { get; } = ["SparePart", "Replacement", "Refund", "ReturnWithLabel", "StoreCredit"];

    /// <summary>The spare part the <c>SparePart</c> resolutions take.</summary>
    public const string PartSku = "KETTLE-HANDLE";

    private static readonly string[] Languages = ["en", "it", "pl", "nb"];

    /// <summary>Calls that were tried again after a 5xx or no answer.</summary>
    public int Retries => Volatile.Read(ref retries);

    private int retries;

    /// <summary>Puts enough of the spare part on the shelf.</summary>
    public Task StockPartsAsync(int quantity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/api/v1/spare-parts/{PartSku}",
            new { productSku = "KETTLE-01", name = "Kettle handle", quantityOnHand = quantity, reorderLevel = 0, unitCost = 4.5m }, cancellationToken);

    /// <summary>Opens incident number <paramref name="n"/> (its idempotency key makes a repeated create the same incident).</summary>
    public async Task<string> OpenAsync(int n, CancellationToken cancellationToken)
    {
        var body = new
        {
            customerEmail = $"customer{n}@example.com",
            customerName = $"Customer {n}",
            language = Languages[n % Languages.Length],
            orderNumber = $"#F{n:D4}",
            description = "The kettle's handle arrived broken.",
            sku = "KETTLE-01",
        };
        var created = await SendAsync(HttpMethod.Post, "/api/v1/incidents", body, cancellationToken, idempotencyKey: $"fault-run-{n}");
        return created!["incident"]!["id"]!.GetValue<string>();
    }

    /// <summary>Waits for the incident's acknowledgement in the outbox.</summary>
    public Task AcknowledgedAsync(string id, CancellationToken cancellationToken) =>
        UntilAsync(() => Emails(id).Any(e => Step(e) == "acknowledgement"),
            $"the acknowledgement of {id}", cancellationToken);

    /// <summary>Diagnoses the store at fault, chooses <paramref name="resolution"/>, then resolves.</summary>
    public async Task ResolveAsync(string id, int n, string resolution, CancellationToken cancellationToken)
    {
        await ChooseAsync(id, n, resolution, cancellationToken);
        await ResolveChosenAsync(id, cancellationToken);
    }

    /// <summary>Resolves an incident whose resolution was chosen.</summary>
    public Task ResolveChosenAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/resolve", new { note = "Put right." }, cancellationToken,
            done: async () => (await IncidentAsync(id, cancellationToken))["incident"]!["status"]!.GetValue<string>() != "Open");

    /// <summary>Staff write to the customer (a customer-facing update; a lost answer may send it twice, as a person pressing again would).</summary>
    public Task ReplyAsync(string id, string message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/updates", new { message }, cancellationToken);

    /// <summary>Diagnoses the store at fault and chooses <paramref name="resolution"/>, leaving the incident open.</summary>
    public async Task ChooseAsync(string id, int n, string resolution, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/diagnosis", new { category = "Defective", responsibility = "Store" }, cancellationToken);
        var tracking = string.Create(CultureInfo.InvariantCulture, $"JD{n:D8}");
        object body = resolution switch
        {
            "SparePart" => new { type = resolution, partSku = PartSku, shippingCost = 6.9m, trackingNumber = tracking },
            "Replacement" => new { type = resolution, replacementCost = 39.9m, shippingCost = 6.5m, trackingNumber = tracking },
            "Refund" => new { type = resolution, refundAmount = 39.9m },
            "ReturnWithLabel" => new { type = resolution, itemPrice = 39.9m },
            "StoreCredit" => new { type = resolution, refundAmount = 20m },
            _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Not a resolution."),
        };
        await SendAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/resolution", body, cancellationToken,
            done: async () => (await IncidentAsync(id, cancellationToken))["incident"]!["resolution"]?["type"]?.GetValue<string>() == resolution);
    }

    /// <summary>Waits until the incident is closed; returns it with its timeline.</summary>
    public async Task<JsonNode> ClosedAsync(string id, CancellationToken cancellationToken)
    {
        JsonNode? closed = null;
        try
        {
            await UntilAsync(async () =>
            {
                closed = await IncidentAsync(id, cancellationToken);
                return closed["incident"]!["status"]!.GetValue<string>() == "Closed";
            }, $"{id} to close", cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last seen: {closed?.ToJsonString()}", e);
        }

        return closed!;
    }

    /// <summary>The incident with its timeline, as staff see it.</summary>
    public async Task<JsonNode> IncidentAsync(string id, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}", null, cancellationToken))!;

    /// <summary>The outbox's files about incident <paramref name="id"/>, by name (<c>{time}-{id}.{step}@{domain}.eml</c>).</summary>
    public IReadOnlyList<string> Emails(string id) =>
        Directory.Exists(server.OutboxPath)
            ? [.. Directory.EnumerateFiles(server.OutboxPath, $"*-{id}.*.eml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>
    /// The server's settings for a run under faults: <paramref name="share"/> of storage calls and email sends
    /// fail, steps retry fast, the watchdog looks every few seconds, and work a killed process held comes back
    /// after 10 s.
    /// </summary>
    public static Dictionary<string, string> FaultySettings(string tablePrefix, double share) => new()
    {
        ["Amends__Storage__TablePrefix"] = tablePrefix,
        ["Amends__Silence__Limit"] = "01:00:00",
        ["Amends__FaultInjection__StorageFailureShare"] = share.ToString(CultureInfo.InvariantCulture),
        ["Amends__FaultInjection__EmailFailureShare"] = share.ToString(CultureInfo.InvariantCulture),
        ["Amends__Workflow__Retry__MaxAttempts"] = "8",
        ["Amends__Workflow__Retry__FirstInterval"] = "00:00:00.250",
        ["Amends__Workflow__Retry__MaxInterval"] = "00:00:02",
        ["Amends__Workflow__Watchdog__ResumeStalledAfter"] = "00:00:05",
        ["Amends__Workflow__Watchdog__StuckAfter"] = "00:00:30",
        ["Amends__Sweep__Interval"] = "00:00:05",
        ["Amends__Durable__VisibilityTimeout"] = "00:00:10",
    };

    /// <summary>
    /// What is wrong with the emails of the closed incident <paramref name="closed"/>: anything but exactly one
    /// acknowledgement, one email of its resolution and one apology naming its discount code. Empty when right.
    /// </summary>
    public IReadOnlyList<string> EmailProblems(JsonNode closed)
    {
        var id = closed["incident"]!["id"]!.GetValue<string>();
        var chosen = closed["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "ResolutionChosen").Select(e => "entry-" + e!["id"]!.GetValue<string>()).ToList();
        var emails = Emails(id);
        List<string> problems = [];
        string[] expected = ["acknowledgement", "apology", .. chosen];
        if (chosen.Count != 1 || !emails.Select(Step).Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            problems.Add($"{id} sent {string.Join(", ", emails)} for {chosen.Count} resolution(s)");
        }

        var code = closed["incident"]!["discountCode"]?.GetValue<string>();
        var apology = emails.FirstOrDefault(e => Step(e) == "apology");
        if (code is null || apology is null || !File.ReadAllText(Path.Combine(server.OutboxPath, apology)).Contains(code, StringComparison.Ordinal))
        {
            problems.Add($"{id}'s apology does not name its discount code ({code ?? "none"})");
        }

        return problems;
    }

    /// <summary>The step of an outbox file's email, e.g. <c>acknowledgement</c>, <c>apology</c>, <c>entry-…</c>.</summary>
    public static string Step(string fileName)
    {
        // {time}-{incident}.{step}_{domain}.eml: the message id's '@' is written as '_'.
        var afterId = fileName[(fileName.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return afterId[..afterId.IndexOf('_', StringComparison.Ordinal)];
    }

    private async Task<JsonNode?> SendAsync(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null, Func<Task<bool>>? done = null)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var lost = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A staff action whose answer was lost may have happened: look before doing it again.
                if (lost && done is not null && await done())
                {
                    return null;
                }

                using var http = server.CreateClient();
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                if (idempotencyKey is not null)
                {
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                }

                using var response = await http.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500)
                {
                    if (!response.IsSuccessStatusCode && !(done is not null && response.StatusCode == HttpStatusCode.Conflict && await done()))
                    {
                        throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }

                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    return text.Length == 0 || response.Content.Headers.ContentType?.MediaType != "application/json" ? null : JsonNode.Parse(text);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The server is down or restarting.
            }

            lost = true;
            Interlocked.Increment(ref retries);
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{method} {path} kept failing for {patience}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), cancellationToken);
        }
    }

    private Task UntilAsync(Func<bool> condition, string waitingFor, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), waitingFor, cancellationToken);

    private async Task UntilAsync(Func<Task<bool>> condition, string waitingFor, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience} for {waitingFor}.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
