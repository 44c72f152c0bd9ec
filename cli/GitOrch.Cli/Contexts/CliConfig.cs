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

    /// <summary>Writes a temporary file and renames it over the old one, so a crash never leaves half a config.</summary>
    public void Save()
    {
        Directory.CreateDirectory(StoreLocator.Home);
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, Serializer.Serialize(this));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, FilePath, overwrite: true);
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance).Build();

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build();
}
