using System.Reflection;
using Amends.Functions.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Amends.Functions.Tests.Parity;

/// <summary>
/// A route is declared once, in AmendsApi: each HTTP trigger only names its declaration, and runs it.
/// A declaration without a trigger, or a trigger whose name, method, template or key differs from its
/// declaration, fails <see cref="HostParityTests"/>; a trigger naming no declaration fails here.
/// </summary>
public sealed class RouteDeclarationTests
{
    private readonly DurableTaskClient workflows = new Mock<DurableTaskClient>("functions").Object;

    [Fact]
    public void Every_http_trigger_runs_the_declaration_of_its_own_name()
    {
        var triggers = typeof(ApiEndpoints).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(method => method.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)
                && method.GetCustomAttribute<FunctionAttribute>()!.Name != nameof(ServiceFunctions.OpenApiDocument))
            .ToList();

        Assert.Equal(TestHttp.Service<ApiEndpoints>().ByName.Count, triggers.Count);
        foreach (var trigger in triggers)
        {
            var http = TestHttp.Context();
            var answer = trigger.Invoke(ActivatorUtilities.CreateInstance(TestServices(), trigger.DeclaringType!), [http.Request, workflows]);

            var endpoint = Assert.IsType<ApiEndpoints.EndpointAnswer>(answer).Endpoint;
            Assert.Equal(trigger.GetCustomAttribute<FunctionAttribute>()!.Name, endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()!.EndpointName);
        }
    }

    [Fact]
    public async Task A_new_route_is_its_declaration_and_a_one_line_trigger()
    {
        // The declaration, as AmendsApi would hold it: method, template, name and handler, once.
        DurableTaskClient? seen = null;
        var api = new ApiEndpoints(TestServices(), routes => routes.MapGet("/api/v1/greetings/{name}", (string name, DurableTaskClient workflows) =>
        {
            seen = workflows;
            return TypedResults.Ok($"Hello {name}");
        }).WithName("Greet"));
        var http = TestHttp.Context(path: "/api/v1/greetings/Ana");

        var (status, body) = await TestHttp.RunAsync(new GreetingFunctions(api).Greet(http.Request, workflows), http);

        Assert.Equal(200, status);
        Assert.Equal("\"Hello Ana\"", body);
        Assert.Same(workflows, seen);
    }

    [Fact]
    public void A_trigger_whose_route_was_removed_fails_loudly()
    {
        // The declaration removed, its trigger left behind.
        var api = new ApiEndpoints(TestServices(), _ => { });

        var error = Assert.Throws<InvalidOperationException>(() => new GreetingFunctions(api).Greet(TestHttp.Context().Request, workflows));
        Assert.Contains("No route named Greet in AmendsApi.MapAmendsApi", error.Message, StringComparison.Ordinal);
    }

    private static IServiceProvider TestServices() => TestHttp.Service<IServiceProvider>();

    /// <summary>The trigger a new route adds to the Functions app: one line, named after its declaration.</summary>
    private sealed class GreetingFunctions(ApiEndpoints api)
    {
        [Function(nameof(Greet))]
        public IResult Greet([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/v1/greetings/{name}")] HttpRequest request, [DurableClient] DurableTaskClient workflows) =>
            api.Run(nameof(Greet), request, workflows);
    }
}
