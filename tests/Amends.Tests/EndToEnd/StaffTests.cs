using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Amends.Api;
using Amends.Incidents;
using Amends.Staff;
using Amends.Storage;
using Amends.Tests.CustomerPages;
using Amends.Tests.Fixtures;

namespace Amends.Tests.EndToEnd;

/// <summary>
/// Named staff on the real server process: the owner's key is the first (admin) account, an admin adds
/// members whose own keys sign their actions, a revoked key signs nothing; incidents are assigned, listed
/// as "mine" and unassigned; the attention flag says why and clears when staff act or dismiss it. Bad
/// input is answered with problem+json.
/// </summary>
public sealed class StaffTests(ServerFixture fixture, AzuriteFixture azurite) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owners_key_signs_in_as_the_owner_an_admin()
    {
        using var owner = new StoreApi(fixture.Server);

        var me = await owner.Http.GetFromJsonAsync<StaffIdentity>("/api/v1/staff/me", ApiJson.Options, Cancel);

        Assert.Equal(new StaffIdentity(StaffMember.OwnerId, "Owner", Admin: true), me);
        Assert.Contains(await StaffAsync(owner), m => m.Id == StaffMember.OwnerId && m.Active);
    }

    [Fact]
    public async Task A_members_own_key_signs_their_actions_on_the_timeline()
    {
        using var owner = new StoreApi(fixture.Server);
        var ana = await AddAsync(owner, "Ana Kowalska");
        using var asAna = Client(ana.Key);
        var (_, incident) = await owner.CreateAsync(StoreApi.NewIncident());

        using var note = await asAna.PostAsJsonAsync($"/api/v1/incidents/{incident!.Incident.Id}/notes", new { note = "Called the carrier." }, Cancel);
        using var update = await asAna.PostAsJsonAsync($"/api/v1/incidents/{incident.Incident.Id}/updates", new { message = "A new handle is on its way." }, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, note.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, update.StatusCode);
        var timeline = (await owner.GetAsync(incident.Incident.Id)).Timeline;
        Assert.Equal("Ana Kowalska", Assert.Single(timeline, e => e.Kind == TimelineEntryKind.InternalNote).Author);
        Assert.Equal("Ana Kowalska", Assert.Single(timeline, e => e.Kind == TimelineEntryKind.StaffUpdate).Author);
        Assert.Equal(new StaffIdentity(ana.Member.Id, "Ana Kowalska", Admin: false), await asAna.GetFromJsonAsync<StaffIdentity>("/api/v1/staff/me", ApiJson.Options, Cancel));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_401_and_an_unknown_one_too()
    {
        using var owner = new StoreApi(fixture.Server);
        var piotr = await AddAsync(owner, "Piotr");
        using var asPiotr = Client(piotr.Key);
        using var before = await asPiotr.GetAsync("/api/v1/incidents", Cancel);

        using var revoke = await owner.Http.PostAsync($"/api/v1/staff/{piotr.Member.Id}/revoke", null, Cancel);
        using var after = await asPiotr.GetAsync("/api/v1/incidents", Cancel);
        using var unknown = await Client("not-a-key").GetAsync("/api/v1/incidents", Cancel);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.NotNull((await revoke.Content.ReadFromJsonAsync<StaffMember>(ApiJson.Options, Cancel))!.RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await owner.ProblemAsync(after)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.False(Assert.Single(await StaffAsync(owner), m => m.Id == piotr.Member.Id).Active);
    }

    [Fact]
    public async Task Only_an_admin_manages_accounts_and_bad_requests_name_the_problem()
    {
        using var owner = new StoreApi(fixture.Server);
        var member = await AddAsync(owner, "Marta");
        using var asMember = Client(member.Key);

        using var byMember = await asMember.PostAsJsonAsync("/api/v1/staff", new { name = "Eve" }, Cancel);
        using var revokeByMember = await asMember.PostAsync($"/api/v1/staff/{member.Member.Id}/revoke", null, Cancel);
        using var nameless = await owner.Http.PostAsJsonAsync("/api/v1/staff", new { name = " " }, Cancel);
        using var reserved = await owner.Http.PostAsJsonAsync("/api/v1/staff", new { name = "customer" }, Cancel);
        using var unknown = await owner.Http.PostAsync("/api/v1/staff/nobody-0000/revoke", null, Cancel);
        using var ownerRevoked = await owner.Http.PostAsync($"/api/v1/staff/{StaffMember.OwnerId}/revoke", null, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revokeByMember.StatusCode);
        Assert.True((await owner.ProblemAsync(nameless)).GetProperty("errors").TryGetProperty("name", out _));
        Assert.True((await owner.ProblemAsync(reserved)).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, ownerRevoked.StatusCode);
    }

    [Fact]
    public async Task Staff_assign_to_themselves_see_it_in_their_queue_and_unassign()
    {
        using var owner = new StoreApi(fixture.Server);
        var ola = await AddAsync(owner, "Ola");
        using var asOla = Client(ola.Key);
        var (_, mine) = await owner.CreateAsync(StoreApi.NewIncident(order: "#ASSIGN-1"));
        var (_, others) = await owner.CreateAsync(StoreApi.NewIncident(order: "#ASSIGN-2"));
        var id = mine!.Incident.Id;

        using var toMe = await asOla.PostAsJsonAsync($"/api/v1/incidents/{id}/assign", new { staffId = "me" }, Cancel);
        using var toOwner = await asOla.PostAsJsonAsync($"/api/v1/incidents/{others!.Incident.Id}/assign", new { staffId = StaffMember.OwnerId }, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, toMe.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, toOwner.StatusCode);
        Assert.Equal(new Assignee(ola.Member.Id, "Ola"), (await owner.GetAsync(id)).Incident.Assignee);
        var queue = await asOla.GetFromJsonAsync<IncidentPage>("/api/v1/incidents?assignee=me", ApiJson.Options, Cancel);
        Assert.Equal(id, Assert.Single(queue!.Items).Id);
        Assert.Equal(("Ola", ola.Member.Id), (queue.Items[0].AssigneeName, queue.Items[0].AssigneeId));
        Assert.Equal(id, Assert.Single((await asOla.GetFromJsonAsync<IncidentPage>("/api/v1/staff/me/incidents", ApiJson.Options, Cancel))!.Items).Id);
        var byId = await owner.Http.GetFromJsonAsync<IncidentPage>($"/api/v1/incidents?assignee={ola.Member.Id}", ApiJson.Options, Cancel);
        Assert.Equal(id, Assert.Single(byId!.Items).Id);
        Assert.Contains((await owner.GetAsync(id)).Timeline, e => e.Text == "Assigned to Ola." && e.Author == "Ola");

        using var unassign = await asOla.PostAsync($"/api/v1/incidents/{id}/unassign", null, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, unassign.StatusCode);
        Assert.Null((await owner.GetAsync(id)).Incident.Assignee);
        Assert.Empty((await asOla.GetFromJsonAsync<IncidentPage>("/api/v1/incidents?assignee=me", ApiJson.Options, Cancel))!.Items);
    }

    [Fact]
    public async Task Assigning_to_nobody_to_an_unknown_or_revoked_member_or_a_closed_incident_is_refused()
    {
        using var owner = new StoreApi(fixture.Server);
        var gone = await AddAsync(owner, "Gone");
        await owner.Http.PostAsync($"/api/v1/staff/{gone.Member.Id}/revoke", null, Cancel);
        var (_, incident) = await owner.CreateAsync(StoreApi.NewIncident(order: "#ASSIGN-3"));
        var id = incident!.Incident.Id;

        using var empty = await owner.Http.PostAsJsonAsync($"/api/v1/incidents/{id}/assign", new { staffId = "" }, Cancel);
        using var missing = await owner.Http.PostAsJsonAsync($"/api/v1/incidents/{id}/assign", new { }, Cancel);
        using var unknown = await owner.Http.PostAsJsonAsync($"/api/v1/incidents/{id}/assign", new { staffId = "nobody-0000" }, Cancel);
        using var revoked = await owner.Http.PostAsJsonAsync($"/api/v1/incidents/{id}/assign", new { staffId = gone.Member.Id }, Cancel);
        using var noIncident = await owner.Http.PostAsJsonAsync("/api/v1/incidents/AMD-00000000/assign", new { staffId = "me" }, Cancel);

        Assert.True((await owner.ProblemAsync(empty)).GetProperty("errors").TryGetProperty("staffId", out _));
        Assert.True((await owner.ProblemAsync(missing)).GetProperty("errors").TryGetProperty("staffId", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noIncident.StatusCode);
        Assert.Null((await owner.GetAsync(id)).Incident.Assignee);

        // Closed: resolve, and the workflow apologizes and closes.
        await owner.PostAsync($"/api/v1/incidents/{id}/resolve", new { });
        await Poll.UntilTrueAsync(async () => (await owner.GetAsync(id)).Incident.Status == IncidentStatus.Closed, "the closing", TimeSpan.FromSeconds(60));
        using var closed = await owner.Http.PostAsJsonAsync($"/api/v1/incidents/{id}/assign", new { staffId = "me" }, Cancel);
        using var unassignClosed = await owner.Http.PostAsync($"/api/v1/incidents/{id}/unassign", null, Cancel);
        using var dismissClosed = await owner.Http.PostAsync($"/api/v1/incidents/{id}/attention/dismiss", null, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("application/problem+json", closed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, unassignClosed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, dismissClosed.StatusCode);
    }

    [Fact]
    public async Task A_customer_message_raises_attention_with_its_reason_and_a_staff_reply_or_dismissal_clears_it()
    {
        using var owner = new StoreApi(fixture.Server);
        var (_, created) = await owner.CreateAsync(StoreApi.NewIncident(order: "#ATTN-1"));
        var id = created!.Incident.Id;

        await CustomerWritesAsync(owner, id, "Any news about my kettle?");

        var raised = (await owner.GetAsync(id)).Incident;
        Assert.True(raised.NeedsAttention);
        var reason = Assert.Single(raised.Attention!);
        Assert.Equal((AttentionKind.CustomerMessage, "status page"), (reason.Kind, reason.Detail));
        var line = Assert.Single((await owner.Http.GetFromJsonAsync<IncidentPage>("/api/v1/incidents?orderNumber=%23ATTN-1", ApiJson.Options, Cancel))!.Items);
        Assert.Equal([AttentionKind.CustomerMessage], line.Attention);

        // A reply is staff acting: the flag clears.
        await owner.PostAsync($"/api/v1/incidents/{id}/updates", new { message = "It ships tomorrow." });
        Assert.False((await owner.GetAsync(id)).Incident.NeedsAttention);

        // Raised again, then dismissed: cleared, and the timeline says what was dismissed, by whom.
        await CustomerWritesAsync(owner, id, "Thanks!");
        using var dismiss = await owner.Http.PostAsync($"/api/v1/incidents/{id}/attention/dismiss", null, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, dismiss.StatusCode);
        var view = await owner.GetAsync(id);
        Assert.False(view.Incident.NeedsAttention);
        Assert.Null(view.Incident.Attention);
        Assert.Contains(view.Timeline, e => e.Text == "Attention dismissed (CustomerMessage)." && e.Author == "Owner");
        Assert.DoesNotContain((await owner.Http.GetFromJsonAsync<IncidentPage>("/api/v1/incidents?orderNumber=%23ATTN-1", ApiJson.Options, Cancel))!.Items,
            i => i.NeedsAttention);
        using var unknown = await owner.Http.PostAsync("/api/v1/incidents/AMD-00000000/attention/dismiss", null, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_staff_command_adds_lists_and_revokes_accounts_over_the_servers_storage()
    {
        var added = await CommandAsync("add", "Kari Nordmann");
        var key = added.Split("Key (shown once; it is stored only as a hash): ")[1].Trim();
        var id = added.Split('(', ')')[1];
        using var asKari = Client(key);

        var me = await asKari.GetFromJsonAsync<StaffIdentity>("/api/v1/staff/me", ApiJson.Options, Cancel);
        var listed = await CommandAsync("list");
        var revoked = await CommandAsync("revoke", id);
        using var after = await asKari.GetAsync("/api/v1/staff/me", Cancel);

        Assert.Equal(new StaffIdentity(id, "Kari Nordmann", Admin: false), me);
        Assert.Contains($"{id}\tKari Nordmann\tactive", listed, StringComparison.Ordinal);
        Assert.StartsWith($"Revoked Kari Nordmann ({id})", revoked, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private async Task<string> CommandAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(fixture.Server.Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(fixture.Server.Dll);
        start.ArgumentList.Add("staff");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Amends__Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Amends__Storage__TablePrefix"] = fixture.TablePrefix;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"staff {string.Join(' ', args)} exited {process.ExitCode}: {output}{errors}");
        return output;
    }

    private static async Task CustomerWritesAsync(StoreApi staff, string id, string message)
    {
        var link = (await staff.Http.GetFromJsonAsync<StatusLink>($"/api/v1/incidents/{id}/status-link", ApiJson.Options, Cancel))!;
        using var customer = new HttpClient { BaseAddress = staff.Http.BaseAddress };
        var path = new Uri(link.Url).PathAndQuery;
        var page = await customer.GetStringAsync(path, Cancel);
        using var form = new MultipartFormDataContent { { new StringContent(CustomerPagesHost.FormKey(page)), "form_key" }, { new StringContent(message), "message" } };
        using var posted = await customer.PostAsync(path, form, Cancel);
        Assert.True(posted.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.OK, $"{posted.StatusCode}");
    }

    private async Task<NewStaffKey> AddAsync(StoreApi owner, string name)
    {
        using var response = await owner.Http.PostAsJsonAsync("/api/v1/staff", new { name }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<NewStaffKey>(ApiJson.Options, Cancel))!;
    }

    private static async Task<IReadOnlyList<StaffMember>> StaffAsync(StoreApi staff) =>
        (await staff.Http.GetFromJsonAsync<List<StaffMember>>("/api/v1/staff", ApiJson.Options, Cancel))!;

    private HttpClient Client(string key) => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{fixture.Server.Port}"),
        DefaultRequestHeaders = { { "X-Api-Key", key } },
        Timeout = TimeSpan.FromSeconds(60),
    };
}
