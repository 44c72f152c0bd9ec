namespace GitOrch.Agent.Runtime;

/// <summary>
/// Hands each process-runtime pod its own address in 127.0.0.0/8, so that two replicas can listen on
/// the same port, as pods with their own IPs do.
/// </summary>
internal sealed class LoopbackAddresses
{
    private const int Slots = 65000;

    private readonly Dictionary<string, int> _byPod = [];
    private readonly Stack<int> _released = new();
    private int _next = 1;

    public string Allocate(string podUid)
    {
        lock (_byPod)
        {
            if (!_byPod.TryGetValue(podUid, out var index))
            {
                if (!_released.TryPop(out index))
                    index = _next <= Slots ? _next++ : throw new PodStartException($"all {Slots} loopback pod addresses on this node are in use");
                _byPod[podUid] = index;
            }
            return $"127.1.{index / 250}.{index % 250 + 1}";
        }
    }

    public void Release(string podUid)
    {
        lock (_byPod)
            if (_byPod.Remove(podUid, out var index))
                _released.Push(index);
    }
}
