namespace OrderStreams.Cli.Tests.Platform;

[CollectionDefinition(Name)]
public sealed class DevPlatformCollection : ICollectionFixture<DevPlatformFixture>
{
    public const string Name = "dev platform";
}
