using System.Text.Json.Nodes;
using OrderStreams.Deploy.Tests.Support;
using OrderStreams.OrderFlow;
using OrderStreams.Simulator;
using OrderStreams.Simulator.World;
using OrderStreams.Testing;

namespace OrderStreams.Deploy.Tests;

public sealed class GrafanaDashboardTests
{
    private const string OrderFlowGroup = "order-flow";

    [Fact]
    public void Dashboards_ThePipelineLagAndRestoreOnes_UseTheProvisionedDatasource()
    {
        var datasource = Yaml.Map(Yaml.LoadMapping(RepositoryPaths.Of("deploy/grafana/provisioning/datasources/prometheus.yaml")).Seq("datasources").Single(), "datasource");

        Assert.Equal(["lag.json", "pipeline.json", "restore.json"], GrafanaDashboards.All.Select(d => d.File));
        Assert.Equal("http://prometheus:9090", datasource.Str("url"));
        Assert.Contains("prometheus", ComposeFile.Services.Keys);
        foreach (var (file, dashboard) in GrafanaDashboards.All)
        {
            var references = GrafanaDashboards.Panels(dashboard).SelectMany(p => p["targets"]!.AsArray().Select(t => t!["datasource"]).Append(p["datasource"]));
            Assert.All(references, r => Assert.Equal(datasource.Str("uid"), (string?)r!["uid"]));
            Assert.Equal(GrafanaDashboards.Panels(dashboard).Count(), GrafanaDashboards.Panels(dashboard).Select(p => (int)p["id"]!).Distinct().Count());
            Assert.False(string.IsNullOrEmpty((string?)dashboard["uid"]), $"{file} has no uid.");
        }
    }

    [Fact]
    public void Expressions_AreValidPromQl()
    {
        var expressions = GrafanaDashboards.Expressions().Select(e => GrafanaDashboards.Substituted(e.Expression)).ToList();

        Assert.True(expressions.Count > 15);
        Assert.Null(PromQl.CheckSyntax(expressions));
    }

    [Fact]
    public void Selectors_NameAScrapeJobAndAMetricItExports()
    {
        var jobs = PrometheusConfigTests.Jobs().Select(j => j.Str("job_name")).ToHashSet();
        foreach (var (file, expression) in GrafanaDashboards.Expressions())
        {
            var selectors = PromQl.Selectors(expression).ToList();
            Assert.NotEmpty(selectors);
            foreach (var (metric, matchers) in selectors)
            {
                var job = matchers.Single(m => m.Label == "job");
                Assert.Contains(job.Value, jobs);
                if (job.Value == KafkaExporterMetrics.Job)
                    Assert.True(KafkaExporterMetrics.Names.Contains(metric), $"{file}: kafka-exporter exports no {metric}.");
            }
        }
    }

    [Fact]
    public void Topics_AreTheManifestsAndTheBranchPanelCoversTheOrderFlow()
    {
        var manifest = DeployFiles.Topics.Topics.Select(t => t.Name).ToHashSet();
        var orderFlow = DeployFiles.Topics.Topics.Where(t => t.CoPartitionGroup == OrderFlowGroup).Select(t => t.Name).Order().ToList();
        var topicMatchers = GrafanaDashboards.Expressions().SelectMany(e => PromQl.Selectors(e.Expression)).SelectMany(s => s.Matchers).Where(m => m.Label == "topic").ToList();

        Assert.NotEmpty(topicMatchers);
        Assert.All(topicMatchers.SelectMany(m => m.Operator == "=~" ? PromQl.Alternatives(m.Value) : [m.Value]), topic => Assert.Contains(topic, manifest));
        var branchPanel = GrafanaDashboards.Expressions().Single(e => e.Expression.Contains("partition=\"$branch\"", StringComparison.Ordinal)).Expression;
        Assert.Equal(orderFlow, PromQl.Alternatives(PromQl.Selectors(branchPanel).Single().Matchers.Single(m => m.Label == "topic").Value).Order());
    }

    [Fact]
    public void ConsumerGroupsAndApplications_AreTheServices()
    {
        var services = DeployedService.All.Select(s => s.Name).ToHashSet();
        var named = GrafanaDashboards.Expressions().SelectMany(e => PromQl.Selectors(e.Expression)).SelectMany(s => s.Matchers)
            .Where(m => m.Label is "consumergroup" or "application" && !m.Value.StartsWith('$')).ToList();

        Assert.NotEmpty(named);
        Assert.All(named.SelectMany(m => m.Operator == "=~" ? PromQl.Alternatives(m.Value) : [m.Value]), group => Assert.Contains(group, services));
    }

    [Fact]
    public void BranchVariable_MapsEverySimulatedBranchToItsPartition()
    {
        var variable = GrafanaDashboards.All.SelectMany(d => GrafanaDashboards.Variables(d.Dashboard)).Single(v => (string?)v["name"] == "branch");
        var options = variable["options"]!.AsArray().Select(o => ((string)o!["text"]!, int.Parse((string)o["value"]!))).ToList();
        var partitions = DeployFiles.Topics["orders.placed"].Partitions;
        var expected = Enumerable.Range(0, new SimulatorOptions().Branches).Select(i => (City.Branch(i), BranchRoutingTable.Empty.PartitionFor(City.Branch(i), partitions))).ToList();

        Assert.Equal(expected, options);
        Assert.Equal(string.Join(", ", expected.Select(e => $"{e.Item1} : {e.Item2}")), (string)variable["query"]!);
    }
}
