;;; winerr-ls.el --- Eglot setup for winerr-ls (Win32 IPsec/IKE error codes in logs)  -*- lexical-binding: t -*-
;; Load it after eglot, e.g. in init.el:
;;   (add-to-list 'load-path "/path/to/winerr-ls/editors/emacs")
;;   (require 'winerr-ls)
;;   (setq winerr-ls-program "/path/to/winerr-ls")            ; default: winerr-ls on PATH
;;   (add-hook 'winerr-log-mode-hook #'eglot-ensure)          ; start automatically on *.log
;; Tested with Emacs 28 + eglot 1.9 (Debian 12 emacs-nox, elpa-eglot).
;;; Code:
(require 'eglot)

(defgroup winerr-ls nil "Win32 IPsec/IKE error codes via the winerr-ls language server." :group 'eglot)

(defcustom winerr-ls-program "winerr-ls"
  "Path to the winerr-ls server binary (or its name on `exec-path')."
  :type 'string)

(defcustom winerr-ls-settings '(:maxDiagnostics 1000 :showPossible t :catalogPath "" :inlayHints t)
  "Server settings sent as initializationOptions (use :json-false for false)."
  :type 'plist)

;; Emacs has no mode for plain *.log files (they open in fundamental-mode): give them one eglot can key on.
(define-derived-mode winerr-log-mode text-mode "WinErr-Log"
  "Major mode for log files checked by winerr-ls.")
(add-to-list 'auto-mode-alist '("\\.log\\'" . winerr-log-mode))

(defun winerr-ls--contact (&optional _interactive)
  "Eglot contact, read when a server starts so later `setq's of the options apply."
  (unless (executable-find winerr-ls-program)
    (user-error "winerr-ls: server binary %S not found; build it (cmake --build build/release) or put it on PATH, then (setq winerr-ls-program \"/path/to/winerr-ls\")"
                winerr-ls-program))
  (list winerr-ls-program :initializationOptions winerr-ls-settings))

;; Only our own mode by default: sh-mode, nxml-mode... usually belong to their own language servers.
;; To check other files too: (add-to-list 'eglot-server-programs '(powershell-mode . winerr-ls--contact))
(add-to-list 'eglot-server-programs '(winerr-log-mode . winerr-ls--contact))

(provide 'winerr-ls)
;;; winerr-ls.el ends here
