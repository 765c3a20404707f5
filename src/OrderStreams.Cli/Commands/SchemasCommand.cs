using System.CommandLine;
using Confluent.SchemaRegistry;
using OrderStreams.Avro;
using OrderStreams.Avro.Resolution;
using OrderStreams.Kafka.Topics;
using OrderStreams.SchemaRegistry;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams schemas register|check</c>: the topics' value schemas against a registry or an earlier commit.</summary>
internal static class SchemasCommand
{
    /// <summary>Used when neither <c>--schema-registry-url</c> nor this variable is given: Confluent's default port.</summary>
    public const string UrlVariable = "SCHEMA_REGISTRY_URL";

    public static Command Create()
    {
        var options = new CommonOptions();
        return new Command("schemas", "Register and check the topics' Avro value schemas (subjects <topic>-value).")
        {
            CreateRegister(options),
            CreateCheck(options),
        };
    }

    private static Command CreateRegister(CommonOptions options)
    {
        var command = new Command("register", "Register every value schema the topic manifest names under <topic>-value, and print subject, id and version.")
        {
            options.RegistryUrl, options.SchemasDir, options.Manifest,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse, async (output, error) =>
        {
            var subjects = LoadSubjects(parse, options);
            using var client = Client(parse, options);
            var rows = new List<string[]> { new[] { "SUBJECT", "ID", "VERSION" } };
            var failures = 0;
            foreach (var subject in subjects)
            {
                var json = subject.Schema.Schema.ToJson();
                try
                {
                    var schema = new Schema(json, SchemaType.Avro);
                    var id = await client.RegisterSchemaAsync(subject.Subject, schema).WaitAsync(cancellation);
                    var version = (await client.LookupSchemaAsync(subject.Subject, schema, ignoreDeletedSchemas: true).WaitAsync(cancellation)).Version;
                    rows.Add([subject.Subject, id.ToString(), version.ToString()]);
                }
                catch (SchemaRegistryException e)
                {
                    failures++;
                    await error.WriteLineAsync($"{subject.Subject} ({subject.Schema.File}): {e.Message}");
                }
            }
            await WriteTableAsync(output, rows);
            return failures == 0 ? ExitCodes.Ok : ExitCodes.DataError;
        }));
        return command;
    }

    private static Command CreateCheck(CommonOptions options)
    {
        var against = new Option<string>("--against")
        {
            Description = "Compare with the registry's versions of each subject, or with the schema files at --git-ref.",
            DefaultValueFactory = _ => "registry",
        };
        against.AcceptOnlyFromAmong("registry", "git");
        var gitRef = new Option<string>("--git-ref") { Description = "The commit to compare with for --against git.", DefaultValueFactory = _ => "HEAD" };
        var mode = new Option<string?>("--compatibility")
        {
            Description = "Mode for --against git (default: the subject's mode in the registry when --schema-registry-url is given, else BACKWARD).",
        };

        var command = new Command("check", "Check each topic's local value schema for compatibility with the registry's versions of its subject, or with its previous git version; exit 65 when one is incompatible.")
        {
            against, gitRef, mode, options.RegistryUrl, options.SchemasDir, options.Manifest,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse, async (output, error) =>
        {
            var subjects = LoadSubjects(parse, options);
            using var client = Client(parse, options);
            IReadOnlyList<SchemaCheck> checks = parse.GetValue(against) == "git"
                ? await SchemaChecks.AgainstGitAsync(subjects, ResolveSchemasDir(parse, options), parse.GetValue(gitRef)!, GitMode(parse, options, mode, client, cancellation), cancellation)
                : await SchemaChecks.AgainstRegistryAsync(subjects, client, cancellation);
            foreach (var check in checks)
            {
                await output.WriteLineAsync($"{check.Status,-13} {check.Subject} ({check.Mode}){(check.Note is null ? "" : $": {check.Note}")}");
                foreach (var problem in check.Problems) await output.WriteLineAsync($"    - {problem}");
            }
            var incompatible = checks.Count(c => c.Problems.Count > 0);
            if (incompatible == 0) return ExitCodes.Ok;
            await error.WriteLineAsync($"{incompatible} of {checks.Count} schema(s) incompatible.");
            return ExitCodes.DataError;
        }));
        return command;
    }

    private static Func<string, Task<CompatibilityMode>> GitMode(ParseResult parse, CommonOptions options, Option<string?> mode, ISchemaRegistryClient client, CancellationToken cancellation)
    {
        if (parse.GetValue(mode) is { } given)
        {
            var fixedMode = CompatibilityModes.Parse(given);
            return _ => Task.FromResult(fixedMode);
        }
        if (parse.GetValue(options.RegistryUrl) is null) return _ => Task.FromResult(CompatibilityMode.Backward);
        return subject => SchemaChecks.ModeAsync(client, subject).WaitAsync(cancellation);
    }

    private static IReadOnlyList<SubjectSchema> LoadSubjects(ParseResult parse, CommonOptions options)
    {
        var manifest = TopicManifest.Load(ManifestPath(parse, options));
        return SchemaCatalog.Load(ResolveSchemasDir(parse, options)).ValueSubjects(manifest);
    }

    private static string ManifestPath(ParseResult parse, CommonOptions options) =>
        parse.GetValue(options.Manifest)?.FullName ?? TopicManifest.Locate(Environment.CurrentDirectory);

    private static string ResolveSchemasDir(ParseResult parse, CommonOptions options) =>
        parse.GetValue(options.SchemasDir)?.FullName ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(ManifestPath(parse, options)))!, "schemas");

    private static ISchemaRegistryClient Client(ParseResult parse, CommonOptions options) => new SchemaRegistrySettings
    {
        Url = parse.GetValue(options.RegistryUrl) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? "http://127.0.0.1:8081",
        MaxRetries = 2,
    }.CreateClient();

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
    }

    /// <summary>Runs a schemas action, turning the expected failures into a message and an exit code.</summary>
    private static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action(parse.InvocationConfiguration.Output, error);
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"orderstreams: cannot reach the schema registry: {e.Message}");
            return ExitCodes.MissingDependency;
        }
        catch (Exception e) when (e is SchemaRegistryException or AvroException or InvalidDataException or FormatException)
        {
            await error.WriteLineAsync($"orderstreams: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"orderstreams: {e.Message}");
            return ExitCodes.NoInput;
        }
    }

    /// <summary>The options both subcommands take.</summary>
    private sealed class CommonOptions
    {
        public Option<string?> RegistryUrl { get; } = new("--schema-registry-url")
        {
            Description = $"Schema registry base URL (default: ${UrlVariable}, else http://127.0.0.1:8081).",
        };

        public Option<DirectoryInfo?> SchemasDir { get; } = new("--schemas-dir")
        {
            Description = "Folder of .avsc files (default: schemas/ beside the manifest's deploy/ folder).",
        };

        public Option<FileInfo?> Manifest { get; } = new("--manifest") { Description = $"Topic manifest (default: {TopicManifest.RelativePath} of this checkout)." };
    }
}
