using System.Text.Json.Nodes;
using Amends.Compensate;
using Amends.Email;
using Amends.Functions.Api;
using Amends.Inbound;
using Amends.Intake;
using Amends.Resolve;
using Amends.Storage;
using Amends.Workflow;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// The seam the triggers call is wired to the server's own handler for each route: each request here
/// gets an answer only that handler gives, before it would touch storage. (GetIncident's first step is
/// a storage read, and so is that of the photo and archive routes: they are left to their signatures,
/// which no other handler shares.)
/// </summary>
public sealed class ApiHandlersTests
{
    private readonly ApiHandlers handlers = new();
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;
    private readonly CancellationToken token = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_the_servers_health_check()
    {
        // What the isolated worker's client throws when the host's durable extension fails: only the server's check answers 503 to it.
        var http = TestHttp.Context();
        var failing = new Mock<DurableTaskClient>("functions");
        failing.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler.")));

        var (status, body) = await TestHttp.RunAsync(await handlers.HealthAsync(failing.Object, TestHttp.Service<StorageAccount>(), token), http);

        Assert.Equal(503, status);
        Assert.Equal("30", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(503, JsonNode.Parse(body)!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateIncident_is_the_servers_create_handler()
    {
        var http = TestHttp.Context("POST", "{}");

        var result = await handlers.CreateIncidentAsync(http.Request, TestHttp.Service<IncidentIntake>(), TestHttp.Service<IOptions<SilenceOptions>>(), workflows, token);

        Assert.Contains("customerEmail", await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task ListIncidents_is_the_servers_queue_handler()
    {
        var http = TestHttp.Context(query: "?status=Misplaced");

        var result = await handlers.ListIncidentsAsync(http.Request, TestHttp.Service<IncidentStore>(), TestHttp.Service<IOptions<SilenceOptions>>(), TimeProvider.System, token);

        Assert.Equal(["status"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task PostStaffUpdate_is_the_servers_update_handler()
    {
        var http = TestHttp.Context("POST", "{}");

        var result = await handlers.PostStaffUpdateAsync("INC-1", http.Request, TestHttp.Service<StaffActions>(), workflows, token);

        Assert.Equal(["message"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task AddInternalNote_is_the_servers_note_handler()
    {
        var http = TestHttp.Context("POST", "{}");

        var result = await handlers.AddInternalNoteAsync("INC-1", http.Request, TestHttp.Service<StaffActions>(), token);

        Assert.Equal(["note"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task Diagnose_is_the_servers_diagnosis_handler()
    {
        var http = TestHttp.Context("POST", "{}");

        var result = await handlers.DiagnoseAsync("INC-1", http.Request, TestHttp.Service<StaffActions>(), token);

        Assert.Equal(["category", "responsibility"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task ChooseResolution_is_the_servers_resolution_handler()
    {
        var http = TestHttp.Context("POST", "{}");

        var result = await handlers.ChooseResolutionAsync("INC-1", http.Request, TestHttp.Service<StaffActions>(), workflows, token);

        Assert.Equal(["type"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task Resolve_is_the_servers_resolve_handler()
    {
        // A note is optional when resolving (unlike an internal note), but not an endless one.
        var http = TestHttp.Context("POST", $$"""{"note":"{{new string('x', 10_001)}}"}""");

        var result = await handlers.ResolveAsync("INC-1", http.Request, TestHttp.Service<StaffActions>(), TestHttp.Service<IOptions<CompensationPolicy>>(), workflows, token);

        Assert.Equal(["note"], await ErrorsAsync(result, http));
        Assert.Contains("At most", TestHttp.Body(http), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOutbox_is_the_servers_outbox_list()
    {
        var http = TestHttp.Context();

        var (status, body) = await TestHttp.RunAsync(handlers.ListOutbox(TestHttp.Service<LocalOutbox>()), http);

        Assert.Equal(200, status);
        Assert.Equal("[]", body);
    }

    [Fact]
    public async Task ReadOutboxEmail_is_the_servers_outbox_reader()
    {
        var http = TestHttp.Context();

        var (status, body) = await TestHttp.RunAsync(await handlers.ReadOutboxEmailAsync("missing.eml", TestHttp.Service<LocalOutbox>(), token), http);

        Assert.Equal(404, status);
        Assert.Contains("no email missing.eml in the outbox", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveInboundEmail_is_the_servers_inbound_handler()
    {
        // No secret and no signing key configured: the handler refuses every post before reading it.
        var http = TestHttp.Context("POST");

        var (status, body) = await TestHttp.RunAsync(
            await handlers.ReceiveInboundEmailAsync(http.Request, TestHttp.Service<InboundMailbox>(), TestHttp.Service<InboundAuthentication>(),
                TestHttp.Service<IOptions<InboundOptions>>(), TestHttp.Service<InboundCapacity>(), workflows, token),
            http);

        Assert.Equal(401, status);
        Assert.Contains("?key=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDiscountCode_is_the_servers_discount_code_lookup()
    {
        // A code with characters no issued code has is unknown before any storage read.
        var http = TestHttp.Context();

        var (status, body) = await TestHttp.RunAsync(await handlers.GetDiscountCodeAsync("SORRY#1", TestHttp.Service<DiscountCodes>(), token), http);

        Assert.Equal(404, status);
        Assert.Contains("no discount code SORRY#1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeemDiscountCode_is_the_servers_redeem_handler()
    {
        var http = TestHttp.Context("POST", "{}");

        var result = await handlers.RedeemDiscountCodeAsync("SORRY-ABCD2345", http.Request, TestHttp.Service<DiscountCodes>(), TimeProvider.System, token);

        Assert.Equal(["orderNumber"], await ErrorsAsync(result, http));
    }

    /// <summary>The fields a 400 validation problem names.</summary>
    private static async Task<string[]> ErrorsAsync(Microsoft.AspNetCore.Http.IResult result, Microsoft.AspNetCore.Http.HttpContext http)
    {
        var (status, body) = await TestHttp.RunAsync(result, http);
        Assert.Equal(400, status);
        return [.. JsonNode.Parse(body)!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];
    }
}
