using System.CommandLine;
using System.Text.Json;
using OrderStreams.Avro;
using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Cli.Commands;

/// <summary><c>orderstreams avro tojson|fromjson</c>: binary Avro datums to and from the Avro JSON encoding, like avro-tools.</summary>
internal static class AvroCommand
{
    public static Command Create() => new("avro", "Convert Avro data between the binary and the JSON encoding.")
    {
        CreateToJson(),
        CreateFromJson(),
    };

    private static Option<FileInfo> SchemaOption() => new("--schema")
    {
        Description = "The .avsc file; named types it uses from other .avsc files in its folder are found there.",
        Required = true,
    };

    private static Option<string> InputOption() => new("--input") { Description = "Input file, or - for standard input.", DefaultValueFactory = _ => "-" };

    private static Command CreateToJson()
    {
        var schemaFile = SchemaOption();
        var input = InputOption();
        var pretty = new Option<bool>("--pretty") { Description = "Indent the JSON." };
        var command = new Command("tojson", "Read binary Avro datums (one after another, no container header) and print each as one line of Avro JSON.")
        {
            schemaFile, input, pretty,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse, "tojson", async () =>
        {
            var schema = LoadSchema(parse.GetRequiredValue(schemaFile));
            var data = await ReadInputAsync(parse.GetValue(input)!, cancellation);
            foreach (var line in ToJsonLines(data, schema, parse.GetValue(pretty)))
                await parse.InvocationConfiguration.Output.WriteLineAsync(line);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateFromJson()
    {
        var schemaFile = SchemaOption();
        var input = InputOption();
        var output = new Option<string>("--output") { Description = "Output file, or - for standard output.", DefaultValueFactory = _ => "-" };
        var command = new Command("fromjson", "Read Avro JSON values (one or more, whitespace-separated) and write each as a binary Avro datum.")
        {
            schemaFile, input, output,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse, "fromjson", async () =>
        {
            var schema = LoadSchema(parse.GetRequiredValue(schemaFile));
            var binary = FromJsonValues(await ReadInputAsync(parse.GetValue(input)!, cancellation), schema);
            var target = parse.GetValue(output)!;
            await using var stream = target == "-" ? Console.OpenStandardOutput() : File.Create(target);
            await stream.WriteAsync(binary, cancellation);
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static AvroSchema LoadSchema(FileInfo file)
    {
        if (!file.Exists) throw new FileNotFoundException($"No schema file {file.FullName}.");
        var parser = new SchemaParser();
        parser.Add(file.Name, File.ReadAllText(file.FullName));
        foreach (var sibling in Directory.GetFiles(file.DirectoryName!, "*.avsc").Where(f => Path.GetFileName(f) != file.Name).Order(StringComparer.Ordinal))
            parser.Add(Path.GetFileName(sibling), File.ReadAllText(sibling));
        return parser.Build().GetSource(file.Name);
    }

    private static List<string> ToJsonLines(byte[] data, AvroSchema schema, bool pretty)
    {
        if (data.Length == 0) throw new InvalidDataException("The input is empty; expected at least one binary Avro datum.");
        var datumReader = new GenericDatumReader(schema);
        var reader = new AvroReader(data);
        var lines = new List<string>();
        while (!reader.IsAtEnd) lines.Add(AvroJson.ToJson(datumReader.Read(ref reader), schema, pretty));
        return lines;
    }

    private static byte[] FromJsonValues(byte[] json, AvroSchema schema)
    {
        var writer = new GenericDatumWriter(schema);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        using var output = new MemoryStream();
        var count = 0;
        while (reader.Read())
        {
            using var value = JsonDocument.ParseValue(ref reader);
            output.Write(writer.Serialize(AvroJson.FromJson(value.RootElement, schema)));
            count++;
        }
        if (count == 0) throw new InvalidDataException("The input holds no JSON value.");
        return output.ToArray();
    }

    private static async Task<byte[]> ReadInputAsync(string input, CancellationToken cancellation)
    {
        if (input != "-") return await File.ReadAllBytesAsync(input, cancellation);
        using var buffer = new MemoryStream();
        await using var stdin = Console.OpenStandardInput();
        await stdin.CopyToAsync(buffer, cancellation);
        return buffer.ToArray();
    }

    private static async Task<int> RunAsync(ParseResult parse, string name, Func<Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action();
        }
        catch (Exception e) when (e is AvroException or JsonException or InvalidDataException)
        {
            await error.WriteLineAsync($"orderstreams avro {name}: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            await error.WriteLineAsync($"orderstreams avro {name}: {e.Message}");
            return ExitCodes.NoInput;
        }
    }
}
