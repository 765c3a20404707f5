using System.Text;
using OrderStreams.Hosting.Metrics;

namespace OrderStreams.Hosting.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("orders.placed", null, "Counter", "orders_placed_total")]
    [InlineData("requests_total", null, "Counter", "requests_total")]
    [InlineData("process.duration", "s", "Histogram", "process_duration_seconds")]
    [InlineData("request.duration_seconds", "s", "Histogram", "request_duration_seconds")]
    [InlineData("changelog.written", "By", "Counter", "changelog_written_bytes_total")]
    [InlineData("store-size/bytes", "By", "Gauge", "store_size_bytes")]
    [InlineData("2xx.responses", "{response}", "Counter", "_2xx_responses_total")]
    [InlineData("ns:rule.ratio", "1", "Gauge", "ns_rule_ratio")]
    [InlineData("commit.latency", "ms", "Histogram", "commit_latency_seconds")]
    [InlineData("OrderStreams.recordsBehind", null, "Gauge", "order_streams_records_behind")]
    [InlineData("kafka.consumergroup.lag", "{message}", "Gauge", "kafka_consumergroup_lag")]
    [InlineData("kafka.consumergroup.lag_seconds", "s", "Gauge", "kafka_consumergroup_lag_seconds")]
    [InlineData("kafka.consumergroup.current_offset", "{offset}", "Gauge", "kafka_consumergroup_current_offset")]
    public void MetricName_Instrument_PrometheusName(string instrument, string? unit, string type, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, Enum.Parse<MetricType>(type)));

    [Theory]
    [InlineData("consumer.group", "consumer_group")]
    [InlineData("ns:key", "ns_key")]
    [InlineData("1st", "_1st")]
    [InlineData("partitionId", "partition_id")]
    public void LabelName_TagKey_ValidLabelName(string key, string expected) =>
        Assert.Equal(expected, PrometheusText.LabelName(key));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void AppendValue_Double_GoParsableText(double value, string expected)
    {
        var text = new StringBuilder();

        PrometheusText.AppendValue(text, value);

        Assert.Equal(expected, text.ToString());
    }

    [Theory]
    [InlineData("commit.latency", "ms", 1000)]
    [InlineData("gc.pause", "ns", 1e9)]
    [InlineData("process.duration", "s", 1)]
    [InlineData("kafka.consumergroup.lag_ms", "ms", 1)]
    public void UnitDivisor_Unit_ToBaseUnit(string instrument, string unit, double expected) =>
        Assert.Equal(expected, PrometheusText.UnitDivisor(instrument, unit));

    [Fact]
    public void TagText_Values_InvariantText() =>
        Assert.Equal(["", "x", "false", "1.5", "12"], new object?[] { null, "x", false, 1.5, 12L }.Select(PrometheusText.TagText));
}
