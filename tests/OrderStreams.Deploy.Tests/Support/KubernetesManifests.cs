using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>Every object of every manifest under <c>deploy/k8s/</c>.</summary>
internal static class KubernetesManifests
{
    public static IReadOnlyList<string> Files { get; } =
        Directory.GetFiles(RepositoryPaths.Of(DeployFiles.KubernetesFolder), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static IReadOnlyList<Dictionary<object, object>> Objects { get; } =
        Files.Where(f => f != "kustomization.yaml")
            .SelectMany(f => Yaml.LoadAll(RepositoryPaths.Of(DeployFiles.KubernetesFolder, f)).Select(o => Yaml.Map(o, f))).ToList();

    public static IEnumerable<Dictionary<object, object>> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    public static Dictionary<object, object> Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o.At("metadata")!.Str("name") == name) ?? throw new KeyNotFoundException($"No {kind} {name} in {DeployFiles.KubernetesFolder}.");

    public static string Name(Dictionary<object, object> o) => o.At("metadata")!.Str("name")!;

    public static Dictionary<string, string> Labels(Dictionary<object, object>? labels) =>
        labels?.ToDictionary(l => (string)l.Key, l => (string)l.Value) ?? [];

    /// <summary>What a container's environment holds: its <c>env</c> values and the keys of the ConfigMaps and Secrets of its <c>envFrom</c>.</summary>
    public static Dictionary<string, string> Environment(Dictionary<object, object> container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in container.Seq("envFrom").Select(e => Yaml.Map(e, "envFrom")))
        {
            var (kind, reference, dataKeys) = from.MapOrNull("configMapRef") is { } configMap
                ? ("ConfigMap", configMap, new[] { "data" })
                : ("Secret", from.MapOrNull("secretRef")!, new[] { "stringData", "data" });
            var source = Get(kind, reference.Str("name")!);
            foreach (var key in dataKeys)
            {
                foreach (var (name, value) in source.MapOrNull(key) ?? [])
                    environment[(string)name] = value as string ?? "";
            }
        }
        foreach (var variable in container.Seq("env").Select(e => Yaml.Map(e, "env")))
            environment[variable.Str("name")!] = variable.Str("value") ?? "";
        return environment;
    }
}
