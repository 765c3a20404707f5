using System.Text.RegularExpressions;
using OrderStreams.Deploy.Tests.Support;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests;

public sealed partial class DockerComposeTests
{
    [Fact]
    public void Builds_UseTheDockerfileAndExistingProjects()
    {
        var builds = ComposeFile.Services.Where(s => ComposeFile.Build(s.Value) is not null).ToList();

        Assert.Equal(7, builds.Count);
        foreach (var (name, service) in builds)
        {
            var build = ComposeFile.Build(service)!;
            Assert.Equal(".", build.Str("context"));
            Assert.Equal(DeployFiles.DockerfilePath, build.Str("dockerfile"));
            Assert.Contains(DeployFiles.Dockerfile.Stages, s => s.Name == build.Str("target"));
            Assert.True(File.Exists(RepositoryPaths.Of(ComposeFile.BuildArgs(service)["PROJECT"])), $"{name}: its PROJECT does not exist.");
            Assert.NotNull(service.Str("image"));
        }
        Assert.Equal(DeployedService.All.Select(s => s.Name).Order(), ComposeFile.TopologyServices().Select(s => s.Name).Order());
    }

    [Fact]
    public void ServicesThatScale_HaveNoContainerNameNorFixedHostPort()
    {
        var scalable = ComposeFile.TopologyServices().Concat(ComposeFile.CliServices().Where(s => s.Name == "simulator")).ToList();

        Assert.Equal(5, scalable.Count);
        foreach (var (name, service) in scalable)
        {
            Assert.False(service.ContainsKey("container_name"), $"{name} has a container name, so it cannot scale.");
            Assert.All(service.Seq("ports").Cast<string>(), port => Assert.True(ContainerPortOnly().IsMatch(port), $"{name} publishes '{port}' on a fixed host port."));
            Assert.False(service.ContainsKey("hostname"), $"{name} sets a hostname every replica would share.");
        }
    }

    [Fact]
    public void TopologyServices_EveryVariableTheContainerSetsIsReadByTheService()
    {
        foreach (var (name, service) in ComposeFile.TopologyServices())
        {
            var environment = ComposeFile.ContainerEnvironment(service);

            Assert.Equal($"http://0.0.0.0:{DeployedService.Named(name).Port}", environment["Urls"]);
            Assert.Equal("kafka:9092", environment["Kafka__BootstrapServers"]);
            Assert.Empty(ServiceConfiguration.Problems(DeployedService.Named(name), environment));
        }
    }

    [Fact]
    public void TopologyServices_KeepStateOnANamedVolumeAtTheImagesVolume_EachReplicaInItsOwnSlot()
    {
        var declared = Yaml.Map(ComposeFile.Document["volumes"], "volumes").Keys.Cast<string>().ToHashSet();
        foreach (var (name, service) in ComposeFile.TopologyServices())
        {
            var mount = service.Seq("volumes").Cast<string>().Single().Split(':');

            Assert.Contains(mount[0], declared);
            Assert.Equal(DeployFiles.StateVolume, mount[1]);
            Assert.Equal($"{DeployFiles.StateVolume}/{{slot}}", ComposeFile.ContainerEnvironment(service)["Streams__StateDir"]);
        }
        Assert.Equal("{ip}:8104", ComposeFile.ContainerEnvironment(ComposeFile.Services["denormaliser"])["Streams__ApplicationServer"]);
    }

    [Fact]
    public void DependsOn_HealthConditionsWaitForAHealthcheckAndTheInitJob()
    {
        foreach (var (name, service) in ComposeFile.Services)
        {
            foreach (var (dependency, condition) in DependsOn(service))
            {
                var target = ComposeFile.Services[dependency];
                if (condition == "service_healthy")
                    Assert.True(target.ContainsKey("healthcheck") || ComposeFile.Target(target) == "service", $"{name} waits for {dependency} to be healthy, which has no healthcheck.");
                if (condition == "service_completed_successfully")
                    Assert.Equal("no", target.Str("restart"));
            }
        }
        foreach (var (name, service) in ComposeFile.TopologyServices())
        {
            var dependencies = DependsOn(service);
            Assert.Equal("service_completed_successfully", dependencies["init"]);
            Assert.Equal("service_healthy", dependencies["kafka"]);
            Assert.Equal("service_healthy", dependencies["schema-registry"]);
        }
    }

    [Fact]
    public void CliContainers_SetNoEnvironment_AndTheirCommandLinesParse()
    {
        var lines = new List<IReadOnlyList<string>>();
        foreach (var (name, service) in ComposeFile.CliServices())
        {
            Assert.Empty(Yaml.Environment(service.GetValueOrDefault("environment")));
            var command = service.Seq("command").Cast<string>().ToList();
            if (service.Seq("entrypoint").Cast<string>().FirstOrDefault() == "bash") lines.AddRange(command.SelectMany(CliCommandLine.InScript));
            else if (command.Count > 0) lines.Add(command);
        }

        Assert.Contains(lines, l => l[0] == "schemas");
        Assert.Contains(lines, l => l[0] == "simulate");
        Assert.Contains(lines, l => l is ["topics", "apply", ..]);
        Assert.Empty(lines.SelectMany(CliCommandLine.Problems));
    }

    [Fact]
    public void Readme_ComposeRunCommandLinesParse()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Of("README.md"))
            .Select(l => ComposeRun().Match(l)).Where(m => m.Success)
            .Select(m => (IReadOnlyList<string>)m.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        Assert.Contains(lines, l => l is ["app", "reset", ..]);
        Assert.Empty(lines.SelectMany(CliCommandLine.Problems));
    }

    [Fact]
    public void Mounts_OfRepositoryFilesExist_AndGrafanaFindsItsProvisioning()
    {
        foreach (var (name, service) in ComposeFile.Services)
        {
            foreach (var mount in service.Seq("volumes").Cast<string>().Where(m => m.StartsWith("./", StringComparison.Ordinal)))
            {
                var source = mount.Split(':')[0];
                Assert.True(File.Exists(RepositoryPaths.Of(source)) || Directory.Exists(RepositoryPaths.Of(source)), $"{name} mounts {source}, which does not exist.");
            }
        }
        var grafana = ComposeFile.Services["grafana"].Seq("volumes").Cast<string>().Select(m => m.Split(':')).ToDictionary(m => m[0], m => m[1]);
        var provider = Yaml.Map(Yaml.LoadMapping(RepositoryPaths.Of("deploy/grafana/provisioning/dashboards/orderstreams.yaml")).Seq("providers").Single(), "provider");
        Assert.Equal("/etc/grafana/provisioning", grafana["./deploy/grafana/provisioning"]);
        Assert.Equal(provider.At("options")!.Str("path"), grafana["./" + GrafanaDashboards.Folder]);
        Assert.Equal(DeployFiles.PrometheusConfigPath, ComposeFile.Services["prometheus"].Seq("volumes").Cast<string>().First().Split(':')[0][2..]);
    }

    private static Dictionary<string, string> DependsOn(Dictionary<object, object> service) => service.GetValueOrDefault("depends_on") switch
    {
        Dictionary<object, object> map => map.ToDictionary(d => (string)d.Key, d => Yaml.Map(d.Value, (string)d.Key).Str("condition") ?? "service_started"),
        List<object> list => list.Cast<string>().ToDictionary(d => d, _ => "service_started"),
        _ => [],
    };

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex ContainerPortOnly();

    [GeneratedRegex(@"docker compose run --rm orderstreams (?<arguments>[^`]+)")]
    private static partial Regex ComposeRun();
}
