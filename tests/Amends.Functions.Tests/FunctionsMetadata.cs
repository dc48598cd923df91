using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amends.Functions.Api;

namespace Amends.Functions.Tests;

/// <summary>
/// The Functions app as the Functions host sees it: functions.metadata and host.json from its build
/// output. The project reference builds the app first; MSBuild copies both files next to the
/// referenced assembly, and the app's own bin folder is the fallback.
/// </summary>
internal sealed class FunctionsMetadata
{
    private FunctionsMetadata(string folder)
    {
        Folder = folder;
        Functions = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "functions.metadata")))!.AsArray()
            .Select(f => new FunctionEntry(
                f!["name"]!.GetValue<string>(),
                f["entryPoint"]!.GetValue<string>(),
                [.. f["bindings"]!.AsArray().Select(b => b!.Deserialize<BindingEntry>(JsonOptions)!)]))
            .ToList();
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "host.json")))!;
        RoutePrefix = host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
    }

    public string Folder { get; }

    public IReadOnlyList<FunctionEntry> Functions { get; }

    public string RoutePrefix { get; }

    public static FunctionsMetadata Load()
    {
        string[] candidates =
        [
            Path.GetDirectoryName(typeof(IncidentsFunctions).Assembly.Location)!,
            Path.Combine(RepositoryRoot(), "functions", "bin", Configuration(), "net10.0"),
        ];
        var folder = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "functions.metadata")))
            ?? throw new FileNotFoundException($"No functions.metadata in {string.Join(" or ", candidates)}: build functions/ first.");
        return new FunctionsMetadata(folder);
    }

    public IEnumerable<FunctionEntry> WithTrigger(string type) =>
        Functions.Where(f => f.Bindings.Any(b => b.Direction == "In" && b.Type == type));

    /// <summary>Every HTTP trigger's route, as "METHOD /prefix/template", as the host serves it.</summary>
    public IReadOnlyList<string> Routes() =>
        [.. WithTrigger("httpTrigger")
            .Select(f => f.Bindings.Single(b => b.Type == "httpTrigger"))
            .SelectMany(b => b.Methods!.Select(m => $"{m.ToUpperInvariant()} {ServerSurface.Normalize($"{RoutePrefix}/{b.Route}")}"))
            .Order(StringComparer.Ordinal)];

    public static string RepositoryRoot() =>
        typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static string Configuration() =>
        typeof(FunctionsMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

internal sealed record FunctionEntry(string Name, string EntryPoint, IReadOnlyList<BindingEntry> Bindings);

internal sealed record BindingEntry(string Name, string Type, string Direction, string? Route, string[]? Methods, string? AuthLevel, string? Schedule);
