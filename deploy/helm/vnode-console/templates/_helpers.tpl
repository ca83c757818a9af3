{{/* The chart's name, overridable. */}}
{{- define "vnode-console.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name (objects in the release namespace are named after it). */}}
{{- define "vnode-console.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "vnode-console.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "vnode-console.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Cluster-scoped objects and those in the add-on namespace carry the release namespace too: two releases of the chart never collide. */}}
{{- define "vnode-console.globalName" -}}
{{- printf "%s-%s" (include "vnode-console.fullname" .) .Release.Namespace | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "vnode-console.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "vnode-console.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "vnode-console.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vnode-console.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "vnode-console.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "vnode-console.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "vnode-console.sessionSecretName" -}}
{{- default (printf "%s-session" (include "vnode-console.fullname" .)) .Values.auth.sessionSecret.existingSecret }}
{{- end }}

{{/* The ConfigMaps of the console's shared state (lib/server/state): <prefix>-config, -revocations, -activity. */}}
{{- define "vnode-console.stateConfigMaps" -}}
{{- $p := include "vnode-console.fullname" . -}}
{{ $p }}-config, {{ $p }}-revocations, {{ $p }}-activity
{{- end }}

{{/* Where the console keeps files: an emptyDir (the root filesystem is read-only). */}}
{{- define "vnode-console.dataDir" -}}/var/lib/vnode-console{{- end }}
{{- define "vnode-console.kubeconfigDir" -}}/etc/vnode-console/kubeconfigs{{- end }}

{{/* The console's public URL: publicUrl, or the Ingress host. */}}
{{- define "vnode-console.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}
