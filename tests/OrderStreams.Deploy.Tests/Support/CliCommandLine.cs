using System.CommandLine;
using System.Reflection;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>
/// Parses <c>orderstreams</c> command lines with the CLI's own command tree, without running them.
/// </summary>
internal static class CliCommandLine
{
    private static readonly Lazy<RootCommand> Root = new(() => (RootCommand)Assembly.Load("orderstreams")
        .GetType("OrderStreams.Cli.Commands.OrderStreamsCommand", throwOnError: true)!
        .GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!
        .Invoke(null, null)!);

    /// <summary>Why <paramref name="arguments"/> (without the leading <c>orderstreams</c>) do not parse; empty when they do.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> arguments)
    {
        var line = string.Join(' ', arguments);
        var parse = Root.Value.Parse(arguments.ToArray());
        var problems = parse.Errors.Select(e => $"orderstreams {line}: {e.Message}").ToList();
        if (problems.Count == 0 && parse.CommandResult.Command.Action is null)
            problems.Add($"orderstreams {line}: '{parse.CommandResult.Command.Name}' is not a command that runs.");
        return problems;
    }

    /// <summary>The command lines in a shell script of the form <c>orderstreams … &amp;&amp; orderstreams …</c>.</summary>
    public static IEnumerable<IReadOnlyList<string>> InScript(string script) =>
        script.Split("&&", StringSplitOptions.TrimEntries)
            .Select(c => c.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0 && words[0] == "orderstreams")
            .Select(words => (IReadOnlyList<string>)words[1..]);
}
