using System.Text;
using Amends.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Functions.Tests;

/// <summary>HTTP requests and responses in memory, with the Functions app's services behind them.</summary>
internal static class TestHttp
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddLogging()
        .AddAmendsFunctions(TestSettings.Create())
        .BuildServiceProvider();

    public static DefaultHttpContext Context(string method = "GET", string? json = null, string? query = null, string path = "/")
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Request.Method = method;
        http.Request.Path = path;
        if (query is not null)
        {
            http.Request.QueryString = new QueryString(query);
        }

        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = "application/json";
        }

        http.Response.Body = new MemoryStream();
        return http;
    }

    public static string Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return new StreamReader(http.Response.Body).ReadToEnd();
    }

    public static async Task<(int Status, string Body)> RunAsync(IResult result, HttpContext http)
    {
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, Body(http));
    }

    public static IExceptionHandler ExceptionHandler() => Services.GetRequiredService<IExceptionHandler>();

    /// <summary>A function class as the worker activates it, from the app's services.</summary>
    public static T Functions<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public static T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static ApiExceptionHandler ServerExceptionHandler() => (ApiExceptionHandler)ExceptionHandler();
}
