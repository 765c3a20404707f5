using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>The deployment files the tests read, loaded once.</summary>
internal static class DeployFiles
{
    public const string DockerfilePath = "deploy/Dockerfile";
    public const string PrometheusConfigPath = "deploy/prometheus/prometheus.yml";
    public const string KubernetesFolder = "deploy/k8s";

    public static Dockerfile Dockerfile { get; } = Dockerfile.Load(RepositoryPaths.Of(DockerfilePath));

    public static DockerIgnore DockerIgnore { get; } = DockerIgnore.Load(RepositoryPaths.Of(".dockerignore"));

    public static TopicManifest Topics { get; } = TopicManifest.Load(RepositoryPaths.Of(TopicManifest.RelativePath));

    public static Dictionary<object, object> PrometheusConfig { get; } = Yaml.LoadMapping(RepositoryPaths.Of(PrometheusConfigPath));

    /// <summary>The folder the service image keeps its state in (its <c>VOLUME</c>).</summary>
    public static string StateVolume => Dockerfile["service"].Where("VOLUME").Single().Arguments;
}
