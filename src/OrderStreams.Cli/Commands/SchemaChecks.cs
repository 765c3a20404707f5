using System.Diagnostics;
using OrderStreams.Avro.Resolution;
using OrderStreams.SchemaRegistry.Client;

namespace OrderStreams.Cli.Commands;

/// <summary>The two comparisons of <c>schemas check</c>: with the registry's versions, or with the files at a git commit.</summary>
internal static class SchemaChecks
{
    /// <summary>Asks the registry, which applies each subject's own mode (all versions for the transitive modes).</summary>
    public static async Task<IReadOnlyList<SchemaCheck>> AgainstRegistryAsync(
        IReadOnlyList<SubjectSchema> subjects, SchemaRegistryClient client, CancellationToken cancellation)
    {
        var checks = new List<SchemaCheck>();
        foreach (var subject in subjects)
        {
            var mode = (await client.GetCompatibilityAsync(subject.Subject, cancellation)).ToWireName();
            try
            {
                await client.GetVersionsAsync(subject.Subject, cancellation);
            }
            catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SubjectNotFound)
            {
                checks.Add(new SchemaCheck(subject.Subject, mode, SchemaCheck.New, "not in the registry yet", []));
                continue;
            }
            var verdict = await client.TestCompatibilityWithSubjectAsync(subject.Subject, subject.Schema.Schema.ToJson(), cancellation);
            checks.Add(SchemaCheck.From(subject.Subject, mode, verdict.IsCompatible ? [] : Problems(verdict)));
        }
        return checks;
    }

    /// <summary>Compares each schema with the same record in the schema files at <paramref name="gitRef"/> (parsed together, as now).</summary>
    public static async Task<IReadOnlyList<SchemaCheck>> AgainstGitAsync(
        IReadOnlyList<SubjectSchema> subjects, string schemasDir, string gitRef, Func<string, Task<CompatibilityMode>> modeOf, CancellationToken cancellation)
    {
        var previous = await LoadAtAsync(schemasDir, gitRef, cancellation);
        var checks = new List<SchemaCheck>();
        foreach (var subject in subjects)
        {
            var mode = await modeOf(subject.Subject);
            if (previous.Find(subject.Schema.FullName) is not { } before)
            {
                checks.Add(new SchemaCheck(subject.Subject, mode.ToWireName(), SchemaCheck.New, $"{subject.Schema.FullName} is not in the schema files at {gitRef}", []));
                continue;
            }
            var result = SchemaCompatibility.Check(subject.Schema.Schema, [before.Schema], mode);
            checks.Add(SchemaCheck.From(subject.Subject, mode.ToWireName(), result.Incompatibilities.Select(i => i.ToString()).ToList(),
                result.IsCompatible ? null : $"version 1 is {before.File} at {gitRef}"));
        }
        return checks;
    }

    private static List<string> Problems(CompatibilityVerdict verdict) =>
        verdict.Messages.Count > 0 ? verdict.Messages.ToList() : ["the registry says incompatible and gave no reason"];

    private static async Task<SchemaCatalog> LoadAtAsync(string schemasDir, string gitRef, CancellationToken cancellation)
    {
        var listing = await GitAsync(schemasDir, ["ls-tree", "--name-only", gitRef, "--", "."], cancellation);
        var files = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => f.EndsWith(".avsc", StringComparison.Ordinal) && !f.Contains('/'));
        var sources = new List<(string, string)>();
        foreach (var file in files) sources.Add((file, await GitAsync(schemasDir, ["show", $"{gitRef}:./{file}"], cancellation)));
        return SchemaCatalog.Parse(sources);
    }

    private static async Task<string> GitAsync(string directory, IEnumerable<string> arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var output = git.StandardOutput.ReadToEndAsync(cancellation);
        var error = git.StandardError.ReadToEndAsync(cancellation);
        await git.WaitForExitAsync(cancellation);
        if (git.ExitCode != 0)
            throw new InvalidDataException($"git {string.Join(' ', start.ArgumentList.Skip(2))} failed in {directory}: {(await error).Trim()}");
        return await output;
    }
}
