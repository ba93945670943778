using System.Management.Automation.Host;
using System.Text.RegularExpressions;
using OpenClaw.Tests.Shared;

namespace OpenClaw.PowerShell.Tests.Formatting
{
    /// <summary>
    /// A console host whose window is <see cref="Width"/> columns wide, so Out-Default lays tables out exactly as
    /// a 120-column terminal would; it keeps what was printed instead of showing it. It never prompts.
    /// </summary>
    public sealed class WideHost : TestHost
    {
        public const int Width = 120;

        public WideHost() : this(new WideHostUI())
        {
        }

        private WideHost(WideHostUI screen) : base("OpenClawViewTestHost", screen)
        {
            Screen = screen;
        }

        public WideHostUI Screen { get; }
    }

    /// <summary>Keeps what was printed, with errors and warnings marked as a console shows them.</summary>
    public sealed class WideHostUI : CapturingHostUI
    {
        private static readonly Regex Ansi = new Regex(@"\x1b\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled);

        public WideHostUI() : base("A view test")
        {
        }

        public override PSHostRawUserInterface RawUI { get; } = new FixedWidthRawUI(WideHost.Width, "OpenClaw view tests");

        /// <summary>Everything printed since the last <see cref="CapturingHostUI.Clear"/>, without colour escapes.</summary>
        public override string Text => Ansi.Replace(base.Text, "");

        public IReadOnlyList<string> Lines => Text.Replace("\r\n", "\n").Split('\n');

        public override void WriteErrorLine(string value) => Write("ERROR: " + value + "\n");
        public override void WriteWarningLine(string message) => Write("WARNING: " + message + "\n");
    }
}
