using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Amends.Api;

/// <summary>The API's JSON conventions: camelCase, enums as their names.</summary>
public static class ApiJson
{
    /// <summary>Options for reading requests and writing responses, the same in both hosts.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the conventions to <paramref name="options"/> (e.g. a host's own JSON options).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
