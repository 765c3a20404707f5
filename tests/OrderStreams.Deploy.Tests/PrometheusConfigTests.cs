using OrderStreams.Deploy.Tests.Support;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests;

public sealed class PrometheusConfigTests
{
    [Fact]
    public void Promtool_AcceptsTheConfig()
    {
        var (exitCode, output) = PromQl.Promtool("check", "config", RepositoryPaths.Of(DeployFiles.PrometheusConfigPath));

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public void DnsDiscovery_FindsEveryReplicaOfEveryTopologyServiceOnItsPort()
    {
        var job = Job("orderstreams");
        var discovered = job.Seq("dns_sd_configs").Select(c => Yaml.Map(c, "dns_sd_configs"))
            .ToDictionary(c => (string)c.Seq("names").Single(), c => (Type: c.Str("type"), Port: int.Parse(c.Str("port")!)));

        Assert.Equal(ComposeFile.TopologyServices().Select(s => s.Name).Order(), discovered.Keys.Order());
        foreach (var (name, target) in discovered)
        {
            Assert.Equal("A", target.Type);
            Assert.Equal(DeployedService.Named(name).Port, target.Port);
        }
        Assert.Equal("/metrics", job.Str("metrics_path"));
        Assert.All(DeployedService.All, s => Assert.Contains("/metrics", s.MappedPaths()));
        Assert.Contains(job.Seq("relabel_configs").Select(r => Yaml.Map(r, "relabel_configs")), r => r.Str("target_label") == "service");
    }

    [Fact]
    public void StaticTargets_AreComposeServices()
    {
        var targets = Jobs().SelectMany(j => j.Seq("static_configs")).SelectMany(c => Yaml.Map(c, "static_configs").Seq("targets")).Cast<string>()
            .Select(t => t.Split(':')[0]).Where(h => h != "localhost").ToList();

        Assert.Contains(KafkaExporterMetrics.Job, targets);
        Assert.All(targets, host => Assert.Contains(host, ComposeFile.Services.Keys));
    }

    internal static IEnumerable<Dictionary<object, object>> Jobs() =>
        DeployFiles.PrometheusConfig.Seq("scrape_configs").Select(j => Yaml.Map(j, "scrape_configs"));

    private static Dictionary<object, object> Job(string name) => Jobs().Single(j => j.Str("job_name") == name);
}
