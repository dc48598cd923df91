using System.Net.Http.Json;
using System.Text.Json;
using Amends.Api;
using Amends.Email;
using Amends.Testing;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>What a store's back end or staff do over HTTP, and what they can see in the outbox.</summary>
internal sealed class StoreApi(ServerProcess server) : IDisposable
{
    private readonly HttpClient http = server.CreateClient();

    public HttpClient Http => http;

    public static object NewIncident(string language = "it", string order = "#1001") => new
    {
        customerEmail = "giulia@example.it",
        customerName = "Giulia Rossi",
        language,
        orderNumber = order,
        description = "Il manico del bollitore è arrivato rotto.",
        sku = "KETTLE-01",
    };

    public async Task<(HttpResponseMessage Response, IncidentView? View)> CreateAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IncidentsApi.IdempotencyKeyHeader, idempotencyKey);
        }

        var response = await http.SendAsync(request);
        var view = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<IncidentView>(ApiJson.Options) : null;
        return (response, view);
    }

    public async Task<IncidentView> GetAsync(string id) =>
        (await http.GetFromJsonAsync<IncidentView>($"/api/v1/incidents/{id}", ApiJson.Options))!;

    public async Task<HttpResponseMessage> PostAsync(string path, object body) =>
        await http.PostAsJsonAsync(path, body, ApiJson.Options);

    public async Task<IReadOnlyList<OutboxEntry>> OutboxAsync() =>
        (await http.GetFromJsonAsync<List<OutboxEntry>>("/api/v1/outbox", ApiJson.Options))!;

    /// <summary>Waits until the outbox holds an email for <paramref name="incidentId"/> and <paramref name="step"/>; returns its text.</summary>
    public async Task<string> WaitForEmailAsync(string incidentId, string step)
    {
        var name = await Poll.UntilAsync(
            async () => (await OutboxAsync()).Select(e => e.Name).FirstOrDefault(n => n.Contains($"{incidentId}.{step}", StringComparison.Ordinal)),
            $"the {step} email of {incidentId}",
            TimeSpan.FromSeconds(60));
        return await http.GetStringAsync($"/api/v1/outbox/{name}");
    }

    public async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => http.Dispose();
}
