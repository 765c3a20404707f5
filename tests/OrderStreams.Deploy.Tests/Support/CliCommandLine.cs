using System.CommandLine;
using System.Reflection;

namespace OrderStreams.Deploy.Tests.Support;

/// <summary>
/// Parses <c>orderstreams</c> command lines with the CLI's own commands (every <c>Create()</c> under
/// <c>OrderStreams.Cli.Commands</c>), without running them.
/// </summary>
internal static class CliCommandLine
{
    /// <summary>
    /// Commands the deployment uses that other branches are building; until their command exists here a line starting
    /// with one is not parsed, and once it exists it is parsed like any other.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Pending = new Dictionary<string, string>
    {
        ["topics apply"] = "tools",
        ["app reset"] = "ops",
    };

    private static readonly Lazy<RootCommand> Root = new(() =>
    {
        var root = new RootCommand();
        var commands = Assembly.Load("orderstreams").GetTypes()
            .Where(t => t.Namespace == "OrderStreams.Cli.Commands")
            .Select(t => t.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes))
            .Where(m => m is not null && m.ReturnType == typeof(Command))
            .Select(m => (Command)m!.Invoke(null, null)!);
        foreach (var command in commands) root.Subcommands.Add(command);
        return root;
    });

    /// <summary>Why <paramref name="arguments"/> (without the leading <c>orderstreams</c>) do not parse; empty when they do, or are pending.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> arguments)
    {
        var line = string.Join(' ', arguments);
        if (Pending.FirstOrDefault(p => line.StartsWith(p.Key + " ", StringComparison.Ordinal) || line == p.Key) is { Key: not null } pending
            && Root.Value.Subcommands.All(c => c.Name != pending.Key.Split(' ')[0]))
            return [];
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
