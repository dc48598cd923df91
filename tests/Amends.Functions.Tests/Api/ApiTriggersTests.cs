using System.Text.Json.Nodes;
using Amends.Functions.Api;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// Each trigger runs the server's own handler for its route, bound as the server binds it (route values,
/// services, the trigger's durable client): each request here gets an answer only that handler gives,
/// before it would touch storage. Which trigger runs which declaration: <see cref="Parity.RouteDeclarationTests"/>.
/// </summary>
public sealed class ApiTriggersTests
{
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;
    private static IncidentsFunctions Incidents => TestHttp.Functions<IncidentsFunctions>();

    [Fact]
    public async Task Health_is_the_servers_health_check()
    {
        // What the isolated worker's client throws when the host's durable extension fails: only the server's check answers 503 to it.
        var http = TestHttp.Context(path: "/api/v1/health");
        var failing = new Mock<DurableTaskClient>("functions");
        failing.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler.")));

        var (status, body) = await TestHttp.RunAsync(TestHttp.Functions<ServiceFunctions>().Health(http.Request, failing.Object), http);

        Assert.Equal(503, status);
        Assert.Equal("30", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(503, JsonNode.Parse(body)!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateIncident_is_the_servers_create_handler()
    {
        var http = TestHttp.Context("POST", "{}", path: "/api/v1/incidents");

        var result = Incidents.CreateIncident(http.Request, workflows);

        Assert.Contains("customerEmail", await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task ListIncidents_is_the_servers_queue_handler()
    {
        var http = TestHttp.Context(query: "?status=Misplaced", path: "/api/v1/incidents");

        var result = Incidents.ListIncidents(http.Request, workflows);

        Assert.Equal(["status"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task PostStaffUpdate_is_the_servers_update_handler()
    {
        var http = TestHttp.Context("POST", "{}", path: "/api/v1/incidents/INC-1/updates");

        var result = Incidents.PostStaffUpdate(http.Request, workflows);

        Assert.Equal(["message"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task AddInternalNote_is_the_servers_note_handler()
    {
        var http = TestHttp.Context("POST", "{}", path: "/api/v1/incidents/INC-1/notes");

        var result = Incidents.AddInternalNote(http.Request, workflows);

        Assert.Equal(["note"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task Diagnose_is_the_servers_diagnosis_handler()
    {
        var http = TestHttp.Context("POST", "{}", path: "/api/v1/incidents/INC-1/diagnosis");

        var result = Incidents.Diagnose(http.Request, workflows);

        Assert.Equal(["category", "responsibility"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task ChooseResolution_is_the_servers_resolution_handler()
    {
        var http = TestHttp.Context("POST", "{}", path: "/api/v1/incidents/INC-1/resolution");

        var result = Incidents.ChooseResolution(http.Request, workflows);

        Assert.Equal(["type"], await ErrorsAsync(result, http));
    }

    [Fact]
    public async Task Resolve_is_the_servers_resolve_handler()
    {
        // A note is optional when resolving (unlike an internal note), but not an endless one.
        var http = TestHttp.Context("POST", $$"""{"note":"{{new string('x', 10_001)}}"}""", path: "/api/v1/incidents/INC-1/resolve");

        var result = Incidents.Resolve(http.Request, workflows);

        Assert.Equal(["note"], await ErrorsAsync(result, http));
        Assert.Contains("At most", TestHttp.Body(http), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOutbox_is_the_servers_outbox_list()
    {
        var http = TestHttp.Context(path: "/api/v1/outbox");

        var (status, body) = await TestHttp.RunAsync(TestHttp.Functions<OutboxFunctions>().ListOutbox(http.Request, workflows), http);

        Assert.Equal(200, status);
        Assert.Equal("[]", body);
    }

    [Fact]
    public async Task ReadOutboxEmail_is_the_servers_outbox_reader()
    {
        var http = TestHttp.Context(path: "/api/v1/outbox/missing.eml");

        var (status, body) = await TestHttp.RunAsync(TestHttp.Functions<OutboxFunctions>().ReadOutboxEmail(http.Request, workflows), http);

        Assert.Equal(404, status);
        Assert.Contains("no email missing.eml in the outbox", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveInboundEmail_is_the_servers_inbound_handler()
    {
        // No secret and no signing key configured: the handler refuses every post before reading it.
        var http = TestHttp.Context("POST", path: "/api/v1/inbound/sendgrid");

        var (status, body) = await TestHttp.RunAsync(TestHttp.Functions<InboundEmailFunctions>().ReceiveInboundEmail(http.Request, workflows), http);

        Assert.Equal(401, status);
        Assert.Contains("?key=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDiscountCode_is_the_servers_discount_code_lookup()
    {
        // A code with characters no issued code has is unknown before any storage read.
        var http = TestHttp.Context(path: "/api/v1/discount-codes/SORRY#1");

        var (status, body) = await TestHttp.RunAsync(TestHttp.Functions<DiscountCodesFunctions>().GetDiscountCode(http.Request, workflows), http);

        Assert.Equal(404, status);
        Assert.Contains("no discount code SORRY#1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeemDiscountCode_is_the_servers_redeem_handler()
    {
        var http = TestHttp.Context("POST", "{}", path: "/api/v1/discount-codes/SORRY-ABCD2345/redeem");

        var result = TestHttp.Functions<DiscountCodesFunctions>().RedeemDiscountCode(http.Request, workflows);

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
