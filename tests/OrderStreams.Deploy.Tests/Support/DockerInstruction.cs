namespace OrderStreams.Deploy.Tests.Support;

/// <summary>One instruction of a Dockerfile stage, keyword upper-case, continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments);
