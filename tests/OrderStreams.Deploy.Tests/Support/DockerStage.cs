namespace OrderStreams.Deploy.Tests.Support;

/// <summary>One <c>FROM … AS name</c> stage of a <see cref="Dockerfile"/>.</summary>
internal sealed record DockerStage(string Name, string BaseImage)
{
    public List<DockerInstruction> Instructions { get; } = [];

    public IEnumerable<DockerInstruction> Where(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}
