namespace OrderStreams.Cli.Tests.Commands;

public sealed class PipelineBenchCommandTests
{
    [Theory]
    [InlineData("--raw-rounds", "0")]
    [InlineData("--raw-in-flight", "0")]
    [InlineData("--raw-in-flight", "-5")]
    public void BenchPipeline_RawRoundsOrInFlightBelowOne_ExitsWithUsageAndOneLineBeforeStartingAnything(string option, string value)
    {
        var (exitCode, output, errors) = Cli.Run("bench", "pipeline", option, value);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"orderstreams: {option} must be at least 1; got {value}.", errors.Trim());
    }
}
