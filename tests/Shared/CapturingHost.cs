using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace OpenClaw.Tests.Shared
{
    /// <summary>A non-interactive host: prints go to a buffer; any prompt fails the test, as it would hang a scheduled task.</summary>
    public sealed class CapturingHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly CapturingHostUI _ui;

        public CapturingHost(CapturingHostUI ui)
        {
            _ui = ui;
        }

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => _id;
        public override string Name => "OpenClawTestHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class CapturingHostUI : PSHostUserInterface
    {
        private readonly StringBuilder _text = new StringBuilder();

        public string Text { get { lock (_text) return _text.ToString(); } }

        public void Clear() { lock (_text) _text.Clear(); }

        public override PSHostRawUserInterface? RawUI => null;

        public override void Write(string value) { lock (_text) _text.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write(value + "\n");
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }

        public override string ReadLine() => throw new InvalidOperationException("The command prompted for input.");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("The command prompted for a secret.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new InvalidOperationException("The command prompted: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new InvalidOperationException("The command prompted for a credential.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new InvalidOperationException("The command prompted for a credential.");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new InvalidOperationException("The command asked for confirmation: " + message);
    }
}
