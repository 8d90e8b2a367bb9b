// Installed once by thunderbird_suite.py into Marionette's "interop" sandbox, in the chrome context of Thunderbird's
// main window: it defines globalThis.interop, which the suite's later scripts call. Everything here is what a user
// does through Thunderbird's UI (account, saved passwords, certificate exception, Config Editor prefs, Send), done
// through the same services the UI uses, plus two observers that record what Thunderbird shows and says on the wire.

const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");

// Every common dialog Thunderbird opened ("Login to server ... failed", "Send Message Error"...), in order.
const dialogs = [];
// Thunderbird's own SMTP log (logger "mailnews.smtp" at level All): "C: <command>" and "S: <reply>" lines.
const smtpLog = [];
// Outcomes of startSend and startInboxRead, by id.
const results = [];

/**
 * Runs an asynchronous operation and returns its id at once: Marionette aborts a script that is still running when a
 * prompt opens, and a refused sign-in opens one. result(id) gives its outcome, null until it ends.
 */
function start(operation) {
  const id = results.length;
  results.push(null);
  operation().then(
    result => (results[id] = result),
    error => (results[id] = { error: String(error), status: error.result || Cr.NS_ERROR_FAILURE }));
  return id;
}

// Thunderbird's prompts are synchronous (Services.prompt.confirmEx spins a nested event loop), so nothing can be
// scripted while one is open: an observer answers each as it loads. The answer is the one that keeps the account
// as it was: Cancel where offered ("Enter New Password" would delete the saved password), otherwise OK.
const dialogObserver = {
  observe(subject) {
    const dialog = subject.Dialog;
    const ui = dialog.ui;
    const visible = [ui.button0, ui.button1, ui.button2, ui.button3].filter(button => button && !button.hidden);
    const entry = {
      title: dialog.args.title || "",
      text: dialog.args.text || "",
      buttons: visible.map(button => button.label),
      pressed: null,
    };
    dialogs.push(entry);
    const answer = ui.button1 && !ui.button1.hidden ? ui.button1 : ui.button0;
    subject.setTimeout(() => {
      entry.pressed = answer.label;
      answer.click();
    }, 0);
  },
};
Services.obs.addObserver(dialogObserver, "common-dialog-loaded");

const consoleStorage = Cc["@mozilla.org/consoleAPI-storage;1"].getService(Ci.nsIConsoleAPIStorage);
const smtpLogListener = message => {
  if (message.prefix === "mailnews.smtp") {
    smtpLog.push(Array.from(message.arguments, String).join(" "));
  }
};
consoleStorage.addLogEventListener(smtpLogListener, Services.scriptSecurityManager.getSystemPrincipal());

function outgoingServer(key) {
  const server = MailServices.outgoingServer.getServerByKey(key);
  if (!server) {
    throw new Error(`no outgoing server ${key}`);
  }
  return server;
}

globalThis.interop = {
  /**
   * The certificate exception a user confirms in the "Add Security Exception" dialog for a self-signed server:
   * a permanent override for this certificate on this host and port (nsICertOverrideService, as that dialog does).
   */
  trustCertificate(host, port, base64Der) {
    const certDb = Cc["@mozilla.org/security/x509certdb;1"].getService(Ci.nsIX509CertDB);
    const cert = certDb.constructX509FromBase64(base64Der);
    const overrides = Cc["@mozilla.org/security/certoverride;1"].getService(Ci.nsICertOverrideService);
    overrides.rememberValidityOverride(host, port, {}, cert, false);
    return cert.sha256Fingerprint;
  },

  /** Saves a password as "Use Password Manager to remember this password" does (origin and realm protocol://host). */
  async savePassword(origin, username, password) {
    const login = Cc["@mozilla.org/login-manager/loginInfo;1"].createInstance(Ci.nsILoginInfo);
    login.init(origin, null, origin, username, password, "", "");
    await Services.logins.addLoginAsync(login);
  },

  /**
   * The account a user sets up by hand: IMAP with STARTTLS and a normal password, SMTP submission with STARTTLS
   * and a normal password, no copy to Sent (keeps the sends independent of IMAP). Returns the keys the prefs use.
   */
  createAccount({ email, fullName, host, imapPort, smtpPort }) {
    const accounts = MailServices.accounts;
    const incoming = accounts.createIncomingServer(email, host, "imap");
    incoming.port = imapPort;
    incoming.socketType = Ci.nsMsgSocketType.alwaysSTARTTLS;
    incoming.authMethod = Ci.nsMsgAuthMethod.passwordCleartext;
    incoming.loginAtStartUp = false;
    incoming.doBiff = false;

    const outgoing = MailServices.outgoingServer.createServer("smtp").QueryInterface(Ci.nsISmtpServer);
    outgoing.hostname = host;
    outgoing.port = smtpPort;
    outgoing.socketType = Ci.nsMsgSocketType.alwaysSTARTTLS;
    outgoing.authMethod = Ci.nsMsgAuthMethod.passwordCleartext;
    outgoing.username = email;

    const identity = accounts.createIdentity();
    identity.email = email;
    identity.fullName = fullName;
    identity.doFcc = false;
    identity.smtpServerKey = outgoing.key;

    const account = accounts.createAccount();
    account.addIdentity(identity);
    account.incomingServer = incoming;
    accounts.defaultAccount = account;
    return { account: account.key, identity: identity.key, incoming: incoming.key, outgoing: outgoing.key };
  },

  /** Config Editor values; the pref names are the ones SmtpServer.sys.mjs / the IMAP code read. */
  setPrefs(prefs) {
    for (const [name, value] of Object.entries(prefs)) {
      if (value === null) {
        Services.prefs.clearUserPref(name);
      } else if (typeof value === "boolean") {
        Services.prefs.setBoolPref(name, value);
      } else if (typeof value === "number") {
        Services.prefs.setIntPref(name, value);
      } else {
        Services.prefs.setStringPref(name, value);
      }
    }
  },

  /**
   * Closes the cached SMTP connection, so that the next send opens a new one: CLIENTID is sent once per connection,
   * before AUTH, and a cached connection would go on with the device it authenticated with.
   */
  closeConnections(outgoingKey) {
    outgoingServer(outgoingKey).closeCachedConnections();
  },

  /**
   * The same for the IMAP connections of the incoming server: IMAP CLIENTID is sent once per connection, before
   * LOGIN, and Thunderbird keeps its IMAP connections open.
   */
  closeIncomingConnections(incomingKey) {
    MailServices.accounts.getIncomingServer(incomingKey).closeCachedConnections();
  },

  dialogCount() {
    return dialogs.length;
  },

  dialogsFrom(index) {
    return dialogs.slice(index);
  },

  smtpLogCount() {
    return smtpLog.length;
  },

  smtpLogFrom(index) {
    return smtpLog.slice(index);
  },

  /** Whether a prompt is open right now (answered ones close within a tick). */
  openDialogCount() {
    return dialogs.filter(entry => entry.pressed === null).length;
  },

  /**
   * Starts sending a plain-text message now, through the MessageSend code the compose window's Send button runs
   * (nsIMsgSend.createAndSendMessage, deliver mode "now"). Its result: {status} as the send listener hears it (0 when
   * the server took the message, an nsresult otherwise).
   */
  startSend({ identityKey, accountKey, to, subject, body }) {
    const identity = MailServices.accounts.getIdentity(identityKey);
    const fields = Cc["@mozilla.org/messengercompose/composefields;1"].createInstance(Ci.nsIMsgCompFields);
    fields.from = MailServices.headerParser.makeMimeAddress(identity.fullName, identity.email);
    fields.to = to;
    fields.subject = subject;
    return start(() => new Promise(resolve => {
      const listener = {
        QueryInterface: ChromeUtils.generateQI(["nsIMsgSendListener"]),
        onStartSending() {},
        onSendProgress() {},
        onStatus() {},
        onStopSending(messageId, status) {
          resolve({ status });
        },
        onGetDraftFolderURI() {},
        onSendNotPerformed(messageId, status) {
          resolve({ status, notPerformed: true });
        },
        onTransportSecurityError(messageId, status) {
          resolve({ status, securityError: true });
        },
      };
      const sender = Cc["@mozilla.org/messengercompose/send;1"].createInstance(Ci.nsIMsgSend);
      sender
        .createAndSendMessage(
          null, identity, accountKey, fields, false, false, Ci.nsIMsgSend.nsMsgDeliverNow, null,
          "text/plain", body, null, null, listener, null, "", Ci.nsIMsgCompType.New)
        .catch(error => resolve({ status: error.result || Cr.NS_ERROR_FAILURE, exception: String(error) }));
    }));
  },

  /**
   * Starts what opening the Inbox does: IMAP sign-in (STARTTLS, LOGIN, where IMAP CLIENTID will go), then the
   * Inbox's new headers. Its result: {status: 0, messages: [{subject, author}]}.
   */
  startInboxRead(incomingKey) {
    return start(async () => {
      const server = MailServices.accounts.getIncomingServer(incomingKey);
      // An IMAP account gets its Inbox folder when it is created; its content comes with the first update.
      const inbox = server.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
      if (!inbox) {
        throw new Error(`no Inbox folder on ${server.prettyName}`);
      }
      // What the folder pane waits for: the folder's "FolderLoaded" event, sent once the new headers are in its
      // database (the update's URL listener can hear the end of the SELECT before that).
      await new Promise((resolve, reject) => {
        const listener = {
          onFolderEvent(folder, event) {
            if (folder.URI == inbox.URI && event == "FolderLoaded") {
              MailServices.mailSession.RemoveFolderListener(listener);
              clearTimeout(timer);
              resolve();
            }
          },
        };
        const timer = setTimeout(() => {
          MailServices.mailSession.RemoveFolderListener(listener);
          reject(new Error("the Inbox did not load within 30 s"));
        }, 30000);
        MailServices.mailSession.AddFolderListener(listener, Ci.nsIFolderListener.event);
        // The main window's msgWindow, as when the user clicks the Inbox: without one, Thunderbird asks nobody
        // when LOGIN fails and retries in silence.
        inbox.updateFolder(window.msgWindow || null);
      });
      return {
        status: 0,
        messages: [...inbox.messages].map(header => ({
          subject: header.mime2DecodedSubject,
          author: header.mime2DecodedAuthor,
        })),
      };
    });
  },

  result(id) {
    return results[id];
  },

  shutdownObservers() {
    Services.obs.removeObserver(dialogObserver, "common-dialog-loaded");
    consoleStorage.removeLogEventListener(smtpLogListener);
  },
};
