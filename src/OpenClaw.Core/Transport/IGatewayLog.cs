namespace OpenClaw.Core.Transport
{
    /// <summary>
    /// Where the core reports what it is doing. The cmdlets route it to Write-Verbose; the core never sees
    /// PowerShell. Implementations receive no secrets: callers log method names and ids, never frames.
    /// </summary>
    public interface IGatewayLog
    {
        void Verbose(string message);
    }

    public sealed class NullGatewayLog : IGatewayLog
    {
        public static readonly NullGatewayLog Instance = new NullGatewayLog();

        public void Verbose(string message)
        {
        }
    }
}
