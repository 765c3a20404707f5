using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>The root <c>docker-compose.yml</c>, merge keys applied.</summary>
internal static class ComposeFile
{
    public const string Path = "docker-compose.yml";

    public static Dictionary<object, object> Document { get; } = Yaml.LoadMapping(RepositoryPaths.Of(Path));

    public static IReadOnlyDictionary<string, Dictionary<object, object>> Services { get; } =
        Document.MapOrNull("services")!.ToDictionary(s => (string)s.Key, s => Yaml.Map(s.Value, (string)s.Key));

    public static Dictionary<object, object>? Build(Dictionary<object, object> service) => service.MapOrNull("build");

    public static string? Target(Dictionary<object, object> service) => Build(service)?.Str("target");

    public static Dictionary<string, string> BuildArgs(Dictionary<object, object> service) => Yaml.Environment(Build(service)?.GetValueOrDefault("args"));

    /// <summary>The compose services that run a topology service image (the Dockerfile's <c>service</c> target).</summary>
    public static IEnumerable<(string Name, Dictionary<object, object> Service)> TopologyServices() =>
        Services.Where(s => Target(s.Value) == "service").Select(s => (s.Key, s.Value));

    /// <summary>The compose services that run the CLI image (its <c>cli</c> target, built there or reused by image name).</summary>
    public static IEnumerable<(string Name, Dictionary<object, object> Service)> CliServices()
    {
        var cliImages = Services.Values.Where(s => Target(s) == "cli").Select(s => s.Str("image")).ToHashSet();
        return Services.Where(s => cliImages.Contains(s.Value.Str("image"))).Select(s => (s.Key, s.Value));
    }

    /// <summary>Everything a service's image sets (Dockerfile <c>ENV</c> of its target, build arguments substituted) with the compose environment on top.</summary>
    public static Dictionary<string, string> ContainerEnvironment(Dictionary<object, object> service)
    {
        var environment = ImageEnvironment(Target(service)!, BuildArgs(service));
        foreach (var (key, value) in Yaml.Environment(service.GetValueOrDefault("environment"))) environment[key] = value;
        return environment;
    }

    public static Dictionary<string, string> ImageEnvironment(string target, IReadOnlyDictionary<string, string> buildArgs)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in DeployFiles.Dockerfile.Lineage(target).Reverse())
        {
            foreach (var env in stage.Where("ENV"))
            {
                foreach (var (key, value) in Dockerfile.EnvPairs(env))
                    environment[key] = buildArgs.Aggregate(value, (v, arg) => v.Replace("${" + arg.Key + "}", arg.Value, StringComparison.Ordinal));
            }
        }
        return environment;
    }
}
