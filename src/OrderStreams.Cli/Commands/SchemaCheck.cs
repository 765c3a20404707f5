namespace OrderStreams.Cli.Commands;

/// <summary>The verdict on one subject's local schema: <c>OK</c>, <c>NEW</c> (nothing to compare with) or <c>INCOMPATIBLE</c> with the problems.</summary>
internal sealed record SchemaCheck(string Subject, string Mode, string Status, string? Note, IReadOnlyList<string> Problems)
{
    public const string Ok = "OK";
    public const string New = "NEW";
    public const string Incompatible = "INCOMPATIBLE";

    public static SchemaCheck From(string subject, string mode, IReadOnlyList<string> problems, string? note = null) =>
        new(subject, mode, problems.Count == 0 ? Ok : Incompatible, note, problems);
}
