namespace GitOrch.Agent.Runtime;

/// <summary>
/// Hands each pod of the process runtime an address of its own, and takes it back when the pod goes.
/// Slots are numbered from 1; the pool turns a slot into an address and may bind it on the host.
/// </summary>
internal sealed class PodAddressPool(int slots, Func<int, string> addressOf, Action<string>? bind = null, Action<string>? unbind = null)
{
    private readonly Dictionary<string, int> _byPod = [];
    private readonly Stack<int> _released = new();
    private int _next = 1;

    public string Allocate(string podUid)
    {
        lock (_byPod)
        {
            if (_byPod.TryGetValue(podUid, out var known)) return addressOf(known);
            if (!_released.TryPop(out var slot))
                slot = _next <= slots ? _next++ : throw new PodStartException($"all {slots} pod addresses on this node are in use");
            var address = addressOf(slot);
            bind?.Invoke(address);
            _byPod[podUid] = slot;
            return address;
        }
    }

    public void Release(string podUid)
    {
        lock (_byPod)
        {
            if (!_byPod.Remove(podUid, out var slot)) return;
            unbind?.Invoke(addressOf(slot));
            _released.Push(slot);
        }
    }

    /// <summary>Addresses in 127.0.0.0/8, which need no setup: the fallback where the pod network cannot be used.</summary>
    public static PodAddressPool Loopback() => new(65000, slot => $"127.1.{slot / 250}.{slot % 250 + 1}");
}
