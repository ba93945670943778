using System.Collections.ObjectModel;
using System.Management.Automation.Host;
using OpenClaw.Tests.Shared;

namespace OpenClaw.Integration.Tests.Requests
{
    /// <summary>
    /// A host that answers -Confirm prompts through a callback, so a test can change the gateway at the exact
    /// moment between a cmdlet's list and its action (the user reading the prompt), then answer Yes or No.
    /// Every other prompt fails the test, as it would hang a scheduled task.
    /// </summary>
    public sealed class ConfirmingHost : TestHost
    {
        public ConfirmingHost(Func<string, bool> confirm) : this(new ConfirmingHostUI(confirm))
        {
        }

        private ConfirmingHost(ConfirmingHostUI ui) : base("OpenClawConfirmingHost", ui)
        {
            HostUI = ui;
        }

        public ConfirmingHostUI HostUI { get; }
    }

    public sealed class ConfirmingHostUI : CapturingHostUI
    {
        private readonly Func<string, bool> _confirm;

        public ConfirmingHostUI(Func<string, bool> confirm)
        {
            _confirm = confirm;
        }

        /// <summary>The confirmation messages shown, in order.</summary>
        public List<string> Confirmations { get; } = new List<string>();

        /// <summary>ShouldProcess offers Yes, Yes to All, No, No to All, Suspend: answer Yes (0) or No (2).</summary>
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (Confirmations) Confirmations.Add(message);
            return _confirm(message) ? 0 : 2;
        }
    }
}
