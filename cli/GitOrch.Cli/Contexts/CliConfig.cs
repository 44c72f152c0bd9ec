using GitOrch.Store;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GitOrch.Cli.Contexts;

/// <summary>The contexts file, <c>config.yaml</c> in gitorch's home (<c>~/.gitorch</c> or <c>$GITORCH_HOME</c>).</summary>
public sealed class CliConfig
{
    public string? CurrentContext { get; set; }
    public List<ContextSettings> Contexts { get; set; } = [];

    public static string FilePath => Path.Combine(StoreLocator.Home, "config.yaml");

    public ContextSettings? Find(string name) => Contexts.FirstOrDefault(context => context.Name == name);

    public static CliConfig Load()
    {
        if (!File.Exists(FilePath)) return new CliConfig();
        try
        {
            return Deserializer.Deserialize<CliConfig?>(File.ReadAllText(FilePath)) ?? new CliConfig();
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{FilePath}:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message}");
        }
    }

    /// <summary>Writes the config whole or not at all, so a crash never leaves half of one.</summary>
    public void Save()
    {
        Directory.CreateDirectory(StoreLocator.Home);
        PrivateFile.Write(FilePath, Serializer.Serialize(this));
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance).Build();

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build();
}
