using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace OpenClaw.Integration.Tests.Requests
{
    /// <summary>
    /// A host that answers -Confirm prompts through a callback, so a test can change the gateway at the exact
    /// moment between a cmdlet's list and its action (the user reading the prompt), then answer Yes or No.
    /// Every other prompt fails the test, as it would hang a scheduled task.
    /// </summary>
    public sealed class ConfirmingHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();

        public ConfirmingHost(Func<string, bool> confirm)
        {
            HostUI = new ConfirmingHostUI(confirm);
        }

        public ConfirmingHostUI HostUI { get; }
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => _id;
        public override string Name => "OpenClawConfirmingHost";
        public override PSHostUserInterface UI => HostUI;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class ConfirmingHostUI : PSHostUserInterface
    {
        private readonly Func<string, bool> _confirm;
        private readonly StringBuilder _text = new StringBuilder();

        public ConfirmingHostUI(Func<string, bool> confirm)
        {
            _confirm = confirm;
        }

        public string Text { get { lock (_text) return _text.ToString(); } }

        public void Clear() { lock (_text) _text.Clear(); }

        /// <summary>The confirmation messages shown, in order.</summary>
        public List<string> Confirmations { get; } = new List<string>();

        public override PSHostRawUserInterface? RawUI => null;
        public override void Write(string value) { lock (_text) _text.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write(value + "\n");
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }

        /// <summary>ShouldProcess offers Yes, Yes to All, No, No to All, Suspend: answer Yes (0) or No (2).</summary>
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (Confirmations) Confirmations.Add(message);
            return _confirm(message) ? 0 : 2;
        }

        public override string ReadLine() => throw new InvalidOperationException("The command prompted for input.");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("The command prompted for a secret.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new InvalidOperationException("The command prompted: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new InvalidOperationException("The command prompted for a credential.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new InvalidOperationException("The command prompted for a credential.");
    }
}
