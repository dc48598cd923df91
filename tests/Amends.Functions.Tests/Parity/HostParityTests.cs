using System.Reflection;
using Amends.Functions.Notifications;
using Amends.Functions.Silence;
using Amends.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Functions.Tests.Parity;

/// <summary>
/// The Functions app (its functions.metadata, as the Functions host reads it) and the standalone server
/// (its endpoints, as ASP.NET Core routes them) offer the same routes and run the same workflow.
/// A route or activity added to one host and not the other fails here.
/// </summary>
public sealed class HostParityTests
{
    private readonly FunctionsMetadata functions = FunctionsMetadata.Load();

    [Fact]
    public async Task Both_hosts_serve_the_same_routes()
    {
        await using var server = await ServerSurface.StartAsync();
        var onServer = server.Routes();
        var inFunctions = functions.Routes();

        Assert.NotEmpty(onServer);
        Assert.True(
            onServer.SequenceEqual(inFunctions),
            $"Only the server maps: [{string.Join(", ", onServer.Except(inFunctions))}]. " +
            $"Only the Functions app has: [{string.Join(", ", inFunctions.Except(onServer))}]. " +
            "Add the missing HTTP trigger (functions/Api) or route (AmendsApi.MapAmendsApi).");
    }

    [Fact]
    public async Task Staff_routes_take_a_function_key_and_only_the_servers_open_routes_are_anonymous()
    {
        await using var server = await ServerSurface.StartAsync();
        var http = functions.WithTrigger("httpTrigger").Select(f => f.Bindings.Single(b => b.Type == "httpTrigger")).ToList();

        string Route(BindingEntry b) => $"{b.Methods!.Single().ToUpperInvariant()} {ServerSurface.Normalize($"{functions.RoutePrefix}/{b.Route}")}";
        Assert.Equal(server.StaffRoutes(), http.Where(b => b.AuthLevel == "Function").Select(Route).Order(StringComparer.Ordinal));
        Assert.All(http.Where(b => b.AuthLevel != "Function"), b => Assert.Equal("Anonymous", b.AuthLevel));
    }

    [Fact]
    public async Task Http_functions_are_named_like_the_servers_endpoints()
    {
        await using var server = await ServerSurface.StartAsync();

        // The OpenAPI document's route has no endpoint name on the server.
        var names = functions.WithTrigger("httpTrigger").Select(f => f.Name).Where(n => n != "OpenApiDocument").Order(StringComparer.Ordinal);
        Assert.Equal(server.EndpointNames(), names);
    }

    [Fact]
    public void Both_hosts_run_the_same_orchestrations()
    {
        Assert.Equal(WorkflowTasks.Orchestrations.Order(), functions.WithTrigger("orchestrationTrigger").Select(f => f.Name).Order());
    }

    [Fact]
    public void Both_hosts_run_the_same_activities()
    {
        Assert.Equal(WorkflowTasks.Activities.Order(), functions.WithTrigger("activityTrigger").Select(f => f.Name).Order());
    }

    [Fact]
    public void The_attention_sweep_runs_on_a_timer_from_the_SweepSchedule_setting_with_a_durable_client()
    {
        var sweep = Assert.Single(functions.WithTrigger("timerTrigger"), f => f.Name == AttentionSweepFunction.Name);

        Assert.Equal("%SweepSchedule%", sweep.Bindings.Single(b => b.Type == "timerTrigger").Schedule);
        Assert.Contains(sweep.Bindings, b => b.Type == "durableClient");
    }

    [Fact]
    public void Staff_notices_are_sent_on_a_timer_from_the_NotificationSchedule_setting()
    {
        var notices = Assert.Single(functions.WithTrigger("timerTrigger"), f => f.Name == StaffNoticeFunction.Name);

        Assert.Equal("%NotificationSchedule%", notices.Bindings.Single(b => b.Type == "timerTrigger").Schedule);
    }

    [Fact]
    public void Every_function_is_an_http_orchestration_activity_or_timer_trigger()
    {
        string[] triggers = ["httpTrigger", "orchestrationTrigger", "activityTrigger", "timerTrigger"];

        Assert.All(functions.Functions, f => Assert.Contains(f.Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal)).Type, triggers));
    }

    [Fact]
    public void Every_function_class_can_be_built_from_the_apps_own_services()
    {
        using var services = new ServiceCollection().AddLogging().AddAmendsFunctions(TestSettings.Create()).BuildServiceProvider();
        var assembly = typeof(FunctionsServices).Assembly;

        foreach (var function in functions.Functions)
        {
            var type = assembly.GetType(function.EntryPoint[..function.EntryPoint.LastIndexOf('.')], throwOnError: true)!;
            Assert.NotNull(type.GetMethod(function.EntryPoint[(function.EntryPoint.LastIndexOf('.') + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static));
            if (!type.IsAbstract)
            {
                // As the worker activates function classes: a missing (or unkeyed) registration fails here, not in Azure.
                Assert.NotNull(ActivatorUtilities.CreateInstance(services, type));
            }
        }
    }
}
