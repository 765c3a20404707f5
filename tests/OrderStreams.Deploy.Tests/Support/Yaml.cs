using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>YAML files as plain trees (mappings, sequences, strings), with merge keys (<c>&lt;&lt;: *anchor</c>) applied, as Compose applies them.</summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static Dictionary<object, object> LoadMapping(string path) => Map(LoadAll(path).Single(), path);

    /// <summary>Every document of a file (Kubernetes manifests hold several).</summary>
    public static IReadOnlyList<object> LoadAll(string path)
    {
        using var reader = File.OpenText(path);
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize<object?>(parser) is { } document) documents.Add(document);
        }
        return documents;
    }

    public static Dictionary<object, object> Map(object? node, string where) =>
        node as Dictionary<object, object> ?? throw new InvalidDataException($"{where}: expected a mapping.");

    public static Dictionary<object, object>? MapOrNull(this Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) ? Map(value, key) : null;

    public static List<object> Seq(this Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is List<object> list ? list : [];

    public static string? Str(this Dictionary<object, object> node, string key) => node.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>Follows a path of keys, e.g. <c>("spec", "template", "spec")</c>; null when a key is missing.</summary>
    public static Dictionary<object, object>? At(this Dictionary<object, object> node, params string[] path)
    {
        Dictionary<object, object>? current = node;
        foreach (var key in path) current = current?.MapOrNull(key);
        return current;
    }

    /// <summary>A Compose <c>environment</c> as a dictionary, in either of its forms (mapping or <c>KEY=value</c> list).</summary>
    public static Dictionary<string, string> Environment(object? node) => node switch
    {
        null => [],
        Dictionary<object, object> map => map.ToDictionary(e => (string)e.Key, e => e.Value as string ?? ""),
        List<object> list => list.Cast<string>().Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
        _ => throw new InvalidDataException("environment: expected a mapping or a list."),
    };
}
