using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests;

/// <summary>Runs <c>orderstreams</c> as a user would and collects what it printed.</summary>
internal static class Cli
{
    public static (int ExitCode, string Output, string Errors) Run(params string[] args)
    {
        using var cli = ChildProcess.StartDotnet(RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"), args);
        var output = new List<string>();
        while (cli.ReadLine(TimeSpan.FromSeconds(60)) is { } line) output.Add(line);
        var exitCode = cli.Stop(TimeSpan.FromSeconds(60));
        return (exitCode, string.Join('\n', output), cli.Errors);
    }
}
