using Amends.Functions.Api;
using Amends.Resolve;
using Amends.Staff;
using Amends.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace Amends.Functions.Tests.Api;

/// <summary>
/// The staff, assignment and attention triggers hand over to the server's handlers with the route's id and
/// the app's services; the sign-in middleware lets a request that names nobody through unchanged.
/// </summary>
public sealed class StaffFunctionsTests
{
    private readonly Mock<IApiHandlers> handlers = new(MockBehavior.Strict);
    private readonly IResult answer = Mock.Of<IResult>();
    private readonly DefaultHttpContext http = TestHttp.Context("POST", """{"staffId":"me"}""");
    private readonly CancellationToken token = new CancellationTokenSource().Token;
    private readonly StaffActions actions = TestHttp.Service<StaffActions>();
    private readonly StaffDirectory directory = TestHttp.Service<StaffDirectory>();
    private readonly IncidentStore store = TestHttp.Service<IncidentStore>();

    private HttpRequest Request => http.Request;

    private StaffFunctions Functions() => new(handlers.Object, actions, directory, store);

    [Fact]
    public async Task AssignIncident_passes_the_id_request_and_directory()
    {
        handlers.Setup(h => h.AssignIncidentAsync("INC-1", Request, actions, directory, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().AssignIncidentAsync(Request, "INC-1", token));
    }

    [Fact]
    public async Task UnassignIncident_and_DismissAttention_pass_the_id_and_request()
    {
        handlers.Setup(h => h.UnassignIncidentAsync("INC-1", Request, actions, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.DismissAttentionAsync("INC-1", Request, actions, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().UnassignIncidentAsync(Request, "INC-1", token));
        Assert.Same(answer, await Functions().DismissAttentionAsync(Request, "INC-1", token));
    }

    [Fact]
    public async Task Staff_routes_pass_the_directory_and_the_revoked_id()
    {
        handlers.Setup(h => h.ListStaffAsync(directory, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.AddStaffMemberAsync(Request, directory, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.RevokeStaffMemberAsync("ana", Request, directory, token)).ReturnsAsync(answer);
        handlers.Setup(h => h.WhoAmI(Request)).Returns(answer);
        handlers.Setup(h => h.MyIncidentsAsync(Request, store, token)).ReturnsAsync(answer);

        Assert.Same(answer, await Functions().ListStaffAsync(Request, token));
        Assert.Same(answer, await Functions().AddStaffMemberAsync(Request, token));
        Assert.Same(answer, await Functions().RevokeStaffMemberAsync(Request, "ana", token));
        Assert.Same(answer, Functions().WhoAmI(Request));
        Assert.Same(answer, await Functions().MyIncidentsAsync(Request, token));
    }

    [Fact]
    public async Task A_request_that_names_nobody_goes_on_unsigned()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        var ran = 0;

        await new StaffSignIn(TestHttp.Service<AppServiceSignIn>()).Invoke(context.Object, _ =>
        {
            ran++;
            return Task.CompletedTask;
        });

        Assert.Equal(1, ran);
        Assert.Null(StaffIdentity.Of(http));
        Assert.Equal(StaffIdentity.Unnamed, StaffIdentity.NameOf(Request));
    }
}
