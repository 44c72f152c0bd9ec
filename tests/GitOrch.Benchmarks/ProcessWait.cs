using System.Diagnostics;
using GitOrch.Store;
using GitOrch.Store.Embedded;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>Polls a condition each second while a gitorch process runs; on timeout, fails with what the process printed.</summary>
public static class ProcessWait
{
    public static async Task UntilAsync(Func<Task<bool>> done, string what, GitorchProcess process, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (waited.Elapsed > timeout)
                throw new TimeoutException($"{what} did not happen in {timeout.TotalMinutes:0} minutes; the process said:\n{process.Output}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The embedded store a gitorch process made, once its file exists.</summary>
    public static async Task<IObjectStore> StoreAsync(string path, GitorchProcess process, TimeSpan timeout)
    {
        await UntilAsync(() => Task.FromResult(File.Exists(path)), "the embedded store", process, timeout);
        return SqliteObjectStore.Open(path);
    }
}
