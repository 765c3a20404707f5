using OrderStreams.Deploy.Tests.Support;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    private const string Namespace = "orderstreams";

    [Fact]
    public void Kustomization_ListsEveryManifest_AllInOneNamespace()
    {
        var resources = Yaml.LoadMapping(RepositoryPaths.Of(DeployFiles.KubernetesFolder, "kustomization.yaml")).Seq("resources").Cast<string>();

        Assert.Equal(KubernetesManifests.Files.Where(f => f != "kustomization.yaml"), resources.Order(StringComparer.Ordinal));
        Assert.All(KubernetesManifests.Objects.Where(o => o.Str("kind") != "Namespace"), o => Assert.Equal(Namespace, o.At("metadata")!.Str("namespace")));
        Assert.Single(KubernetesManifests.OfKind("Namespace"), n => KubernetesManifests.Name(n) == Namespace);
    }

    [Fact]
    public void StatefulSets_EveryServiceWithAVolumePerPodAndAHeadlessService()
    {
        Assert.Equal(DeployedService.All.Select(s => s.Name).Order(), KubernetesManifests.OfKind("StatefulSet").Select(KubernetesManifests.Name).Order());
        foreach (var service in DeployedService.All)
        {
            var set = KubernetesManifests.Get("StatefulSet", service.Name);
            var spec = set.At("spec")!;
            var podLabels = KubernetesManifests.Labels(spec.At("template", "metadata", "labels"));
            var headless = KubernetesManifests.Get("Service", spec.Str("serviceName")!);
            var claim = Yaml.Map(spec.Seq("volumeClaimTemplates").Single(), "volumeClaimTemplates");
            var mount = Yaml.Map(Container(service.Name).Seq("volumeMounts").Single(), "volumeMounts");

            Assert.Equal("None", headless.At("spec")!.Str("clusterIP"));
            Assert.Equal("true", headless.At("spec")!.Str("publishNotReadyAddresses"));
            Assert.Subset(podLabels.ToHashSet(), KubernetesManifests.Labels(headless.At("spec", "selector")).ToHashSet());
            Assert.Equal(KubernetesManifests.Labels(spec.At("selector", "matchLabels")), KubernetesManifests.Labels(headless.At("spec", "selector")));
            Assert.Equal(claim.At("metadata")!.Str("name"), mount.Str("name"));
            Assert.Equal(DeployFiles.StateVolume, mount.Str("mountPath"));
            Assert.Equal(["ReadWriteOnce"], claim.At("spec")!.Seq("accessModes").Cast<string>());
            Assert.True(int.Parse(spec.At("template", "spec")!.Str("terminationGracePeriodSeconds")!) > 30, "Pods are killed before Streams:CloseTimeoutSeconds.");
            Assert.Equal("true", spec.At("template", "spec", "securityContext")!.Str("runAsNonRoot"));
        }
    }

    [Fact]
    public void Containers_EveryVariableTheySetIsReadByTheService()
    {
        foreach (var service in DeployedService.All)
        {
            var container = Container(service.Name);
            var environment = ComposeFile.ImageEnvironment("service", new Dictionary<string, string> { ["PORT"] = $"{service.Port}" });
            foreach (var (key, value) in KubernetesManifests.Environment(container)) environment[key] = value;
            // Values Kubernetes fills in from the pod ($(POD_NAME)), used only inside other variables.
            var fromPod = container.Seq("env").Select(e => Yaml.Map(e, "env")).Where(e => e.At("valueFrom", "fieldRef") is not null).Select(e => e.Str("name")!).ToList();
            foreach (var name in fromPod)
            {
                Assert.Contains(environment, e => e.Key != name && e.Value.Contains($"$({name})", StringComparison.Ordinal));
                environment.Remove(name);
            }
            var resolved = environment.ToDictionary(e => e.Key, e => fromPod.Aggregate(e.Value, (v, n) => v.Replace($"$({n})", $"{service.Name}-0", StringComparison.Ordinal)));

            Assert.Contains("Kafka__BootstrapServers", resolved.Keys);
            Assert.Contains("SchemaRegistry__Url", resolved.Keys);
            Assert.Empty(ServiceConfiguration.Problems(service, resolved));
        }
        var forwarding = KubernetesManifests.Environment(Container("denormaliser"))["Streams__ApplicationServer"];
        Assert.Equal($"$(POD_NAME).{KubernetesManifests.Get("StatefulSet", "denormaliser").At("spec")!.Str("serviceName")}:{DeployedService.Named("denormaliser").Port}", forwarding);
    }

    [Fact]
    public void Containers_PortsAndProbesAreTheServicesOwn()
    {
        foreach (var service in DeployedService.All)
        {
            var container = Container(service.Name);
            var port = Yaml.Map(container.Seq("ports").Single(), "ports");
            var paths = service.MappedPaths();

            Assert.Equal(service.Port, int.Parse(port.Str("containerPort")!));
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                var get = container.At(probe, "httpGet")!;
                Assert.Contains(get.Str("path")!, paths);
                Assert.Equal(port.Str("name"), get.Str("port"));
            }
            Assert.Equal("/readyz", container.At("readinessProbe", "httpGet")!.Str("path"));
            Assert.Equal("/healthz", container.At("livenessProbe", "httpGet")!.Str("path"));
            var annotations = KubernetesManifests.Get("StatefulSet", service.Name).At("spec", "template", "metadata", "annotations")!;
            Assert.Equal($"{service.Port}", annotations.Str("prometheus.io/port"));
            Assert.Contains(annotations.Str("prometheus.io/path")!, paths);
            foreach (var api in KubernetesManifests.OfKind("Service").Where(s => KubernetesManifests.Labels(s.At("spec", "selector")).GetValueOrDefault("app.kubernetes.io/name") == service.Name))
                Assert.All(api.At("spec")!.Seq("ports").Select(p => Yaml.Map(p, "ports")), p => Assert.Equal($"{service.Port}", p.Str("port")));
        }
    }

    [Fact]
    public void Images_AreTheOnesComposeBuilds()
    {
        foreach (var service in DeployedService.All)
        {
            var image = Container(service.Name).Str("image")!;

            Assert.Equal(ComposeFile.Services[service.Name].Str("image")!.Split(':')[0], image.Split(':')[0]);
        }
    }

    [Fact]
    public void DisruptionBudgets_LetOnePodOfEachServiceGoAtATime()
    {
        foreach (var service in DeployedService.All)
        {
            var budget = KubernetesManifests.Get("PodDisruptionBudget", service.Name).At("spec")!;
            var podLabels = KubernetesManifests.Labels(KubernetesManifests.Get("StatefulSet", service.Name).At("spec", "template", "metadata", "labels"));

            Assert.Equal("1", budget.Str("maxUnavailable"));
            Assert.Subset(podLabels.ToHashSet(), KubernetesManifests.Labels(budget.At("selector", "matchLabels")).ToHashSet());
        }
    }

    [Fact]
    public void ScaledObjects_ScaleEachStatefulSetOnItsConsumerGroupsLag_UpToThePartitionCount()
    {
        var partitions = DeployFiles.Topics.Topics.Where(t => t.CoPartitionGroup == "order-flow").Select(t => t.Partitions).Distinct().Single();
        foreach (var service in DeployedService.All)
        {
            var spec = KubernetesManifests.Get("ScaledObject", service.Name).At("spec")!;
            var trigger = Yaml.Map(spec.Seq("triggers").Single(), "triggers");
            var metadata = trigger.At("metadata")!;

            Assert.Equal("StatefulSet", spec.At("scaleTargetRef")!.Str("kind"));
            Assert.Equal(service.Name, spec.At("scaleTargetRef")!.Str("name"));
            Assert.Equal($"{partitions}", spec.Str("maxReplicaCount"));
            Assert.Equal("kafka", trigger.Str("type"));
            Assert.Equal(service.Name, metadata.Str("consumerGroup"));
            Assert.True(long.Parse(metadata.Str("lagThreshold")!) > 0);
            Assert.True(Version.Parse(metadata.Str("version")!) >= new Version(2, 1), "KEDA's protocol level must be one Kafka 4 serves (2.1 or later).");
            Assert.Contains(metadata.Str("bootstrapServersFromEnv")!, KubernetesManifests.Environment(Container(service.Name)).Keys);
            Assert.Equal(service.Name, StreamsApplicationId(service));
        }
    }

    private static Dictionary<object, object> Container(string service) =>
        Yaml.Map(KubernetesManifests.Get("StatefulSet", service).At("spec", "template", "spec")!.Seq("containers").Single(), "containers");

    /// <summary>The consumer group the service joins: its <c>Streams:ApplicationId</c>, as its host binds it.</summary>
    private static string StreamsApplicationId(DeployedService service)
    {
        using var app = service.Build(new Dictionary<string, string> { ["Kafka__BootstrapServers"] = "kafka:9092" });
        return ((OrderStreams.Streams.StreamsConfig)app.Services.GetService(typeof(OrderStreams.Streams.StreamsConfig))!).ApplicationId;
    }
}
