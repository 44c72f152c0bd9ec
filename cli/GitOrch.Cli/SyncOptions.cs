using System.CommandLine;
using GitOrch.Engine.Git;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Cli;

/// <summary>The options that <c>up</c> and <c>server</c> share: which repository, which revision, how often to poll.</summary>
public sealed class SyncOptions
{
    public Option<string> Repo { get; } = CommonOptions.Repo(required: true);
    public Option<string> Revision { get; } = CommonOptions.Revision();
    public Option<TimeSpan> Interval { get; } = CommonOptions.SyncInterval();

    public void AddTo(Command command)
    {
        command.Options.Add(Repo);
        command.Options.Add(Revision);
        command.Options.Add(Interval);
    }

    public ManifestRepository OpenRepository(ParseResult parse) => ManifestRepository.Open(parse.GetValue(Repo)!);

    public GitSyncLoop CreateLoop(ParseResult parse, ManifestRepository repository, ObjectClient client, ILoggerFactory loggers) =>
        new(repository, client, loggers.CreateLogger<GitSyncLoop>(), parse.GetValue(Revision)!, parse.GetValue(Interval));
}
