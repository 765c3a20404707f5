using System.Diagnostics;
using Confluent.SchemaRegistry;
using OrderStreams.Avro.Schemas;
using OrderStreams.Avro.Resolution;
using OrderStreams.SchemaRegistry;

namespace OrderStreams.Cli.Commands;

/// <summary>The two comparisons of <c>schemas check</c>: with the registry's versions, or with the files at a git commit.</summary>
internal static class SchemaChecks
{
    /// <summary>
    /// Reads each subject's mode and versions from the registry and checks with the same rules the registry applies
    /// (all versions for the transitive modes), so every problem is named.
    /// </summary>
    public static async Task<IReadOnlyList<SchemaCheck>> AgainstRegistryAsync(
        IReadOnlyList<SubjectSchema> subjects, ISchemaRegistryClient client, CancellationToken cancellation)
    {
        var checks = new List<SchemaCheck>();
        foreach (var subject in subjects)
        {
            var mode = await ModeAsync(client, subject.Subject).WaitAsync(cancellation);
            List<int> versions;
            try
            {
                versions = await client.GetSubjectVersionsAsync(subject.Subject).WaitAsync(cancellation);
            }
            catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SubjectNotFound)
            {
                checks.Add(new SchemaCheck(subject.Subject, mode.ToWireName(), SchemaCheck.New, "not in the registry yet", []));
                continue;
            }
            var previous = new List<AvroSchema>();
            foreach (var version in versions.Order())
            {
                var registered = await client.GetRegisteredSchemaAsync(subject.Subject, version).WaitAsync(cancellation);
                previous.Add(AvroSchema.Parse(registered.SchemaString, $"{subject.Subject} version {version}"));
            }
            var result = SchemaCompatibility.Check(subject.Schema.Schema, previous, mode);
            checks.Add(SchemaCheck.From(subject.Subject, mode.ToWireName(), result.Incompatibilities.Select(i => i.ToString()).ToList()));
        }
        return checks;
    }

    /// <summary>The subject's compatibility mode in the registry, or the registry's global one when it has none.</summary>
    public static async Task<CompatibilityMode> ModeAsync(ISchemaRegistryClient client, string subject)
    {
        Compatibility level;
        try
        {
            level = await client.GetCompatibilityAsync(subject);
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SubjectLevelCompatibilityNotConfigured)
        {
            level = await client.GetCompatibilityAsync();
        }
        return Enum.Parse<CompatibilityMode>(level.ToString());
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
