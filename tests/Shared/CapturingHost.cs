using System.Management.Automation.Host;
using System.Text;

namespace OpenClaw.Tests.Shared
{
    /// <summary>A non-interactive host: prints go to a buffer; any prompt fails the test, as it would hang a scheduled task.</summary>
    public sealed class CapturingHost : TestHost
    {
        public CapturingHost(CapturingHostUI ui) : base("OpenClawTestHost", ui)
        {
        }
    }

    public class CapturingHostUI : NonInteractiveHostUI
    {
        private readonly StringBuilder _text = new StringBuilder();

        public CapturingHostUI() : this("The command")
        {
        }

        protected CapturingHostUI(string subject) : base(subject)
        {
        }

        /// <summary>Everything printed since the last <see cref="Clear"/>.</summary>
        public virtual string Text { get { lock (_text) return _text.ToString(); } }

        public void Clear() { lock (_text) _text.Clear(); }

        public override PSHostRawUserInterface? RawUI => null;

        public override void Write(string value) { lock (_text) _text.Append(value); }
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write(value + "\n");
    }
}
