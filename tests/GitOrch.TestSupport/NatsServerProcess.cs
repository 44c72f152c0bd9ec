using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GitOrch.TestSupport;

/// <summary>A real nats-server with JetStream on a free loopback port, in a temporary directory.</summary>
public sealed class NatsServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string[] _arguments;
    private readonly string _directory;
    private readonly string _address;
    private readonly int _port;
    private bool _ownsDirectory = true;

    private NatsServerProcess(Process process, string[] arguments, string directory, string address, int port)
    {
        _process = process;
        _arguments = arguments;
        _directory = directory;
        _address = address;
        _port = port;
        Url = $"nats://{address}:{port}";
    }

    public string Url { get; }

    /// <summary>The server's own directory; JetStream keeps its files below it unless a configuration says otherwise.</summary>
    public string StoreDirectory => _directory;

    public static Task<NatsServerProcess> StartAsync() => StartAsync([], FreePort());

    public static Task<NatsServerProcess> StartAsync(IEnumerable<string> extraArguments, int port) => StartAsync(extraArguments, port, "127.0.0.1");

    /// <param name="address">The address it listens on: loopback, or a test bridge's that network namespaces reach.</param>
    public static Task<NatsServerProcess> StartAsync(IEnumerable<string> extraArguments, int port, string address)
    {
        var directory = Directory.CreateTempSubdirectory("gitorch-nats-").FullName;
        return StartAsync(["-js", "-sd", directory, "-a", address, "-p", port.ToString(), .. extraArguments], directory, address, port);
    }

    /// <summary>A server run from a configuration file that sets its own listen address, JetStream directory, TLS and users.</summary>
    public static Task<NatsServerProcess> StartFromConfigAsync(string configPath, int port) =>
        StartAsync(["-c", configPath], Directory.CreateTempSubdirectory("gitorch-nats-").FullName, "127.0.0.1", port);

    private static async Task<NatsServerProcess> StartAsync(string[] arguments, string directory, string address, int port)
    {
        var start = new ProcessStartInfo("nats-server", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NatsServerProcess(process, arguments, directory, address, port);
        try
        {
            await WaitForPortAsync(IPAddress.Parse(address), port, TimeSpan.FromSeconds(15), process);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"nats-server did not listen on {address}:{port}: {string.Join(" | ", output.TakeLast(5))}", e);
        }
        return server;
    }

    /// <summary>Kills the server with SIGKILL, as a crash would, keeping its files for <see cref="StartAgainAsync"/>.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts a killed server again on the same port and files; the returned process owns the files from then on.</summary>
    public async Task<NatsServerProcess> StartAgainAsync()
    {
        _ownsDirectory = false;
        await DisposeAsync();
        return await StartAsync(_arguments, _directory, _address, _port);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(IPAddress address, int port, TimeSpan timeout, Process process)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException("nats-server exited");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(address, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (_ownsDirectory) Directory.Delete(_directory, recursive: true);
    }
}
