{{/* Names and labels shared by the templates. */}}
{{- define "ionmesh.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ionmesh.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ionmesh.labels" -}}
{{ include "ionmesh.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "ionmesh.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* The Secret holding the database URL, and its key. */}}
{{- define "ionmesh.databaseSecret" -}}
{{- if .Values.database.existingSecret -}}{{ .Values.database.existingSecret }}{{- else -}}{{ include "ionmesh.fullname" . }}{{- end -}}
{{- end -}}
{{- define "ionmesh.databaseKey" -}}
{{- if .Values.database.existingSecret -}}{{ .Values.database.key }}{{- else -}}database-url{{- end -}}
{{- end -}}

{{- define "ionmesh.adminKeySecret" -}}
{{- if .Values.adminKey.existingSecret -}}{{ .Values.adminKey.existingSecret }}{{- else -}}{{ include "ionmesh.fullname" . }}{{- end -}}
{{- end -}}
{{- define "ionmesh.adminKeyKey" -}}
{{- if .Values.adminKey.existingSecret -}}{{ .Values.adminKey.key }}{{- else -}}admin-key{{- end -}}
{{- end -}}

{{/* Environment every IonMesh container gets: the database, Redis, the config file. */}}
{{- define "ionmesh.env" -}}
- name: IONMESH_CONFIG
  value: /etc/ionmesh/ionmesh.yaml
- name: IONMESH_DATA_DIR
  value: /var/lib/ionmesh
{{- if .Values.postgresql.enabled }}
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Release.Name }}-postgresql
      key: password
- name: IONMESH_DATABASE_URL
  value: {{ printf "postgres://%s:$(PGPASSWORD)@%s-postgresql:5432/%s" .Values.postgresql.auth.username .Release.Name .Values.postgresql.auth.database | quote }}
{{- else }}
- name: IONMESH_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "ionmesh.databaseSecret" . }}
      key: {{ include "ionmesh.databaseKey" . }}
{{- end }}
{{- if or .Values.redis.url .Values.redis.existingSecret }}
- name: IONMESH_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ if .Values.redis.existingSecret }}{{ .Values.redis.existingSecret }}{{ else }}{{ include "ionmesh.fullname" . }}{{ end }}
      key: {{ if .Values.redis.existingSecret }}{{ .Values.redis.key }}{{ else }}redis-url{{ end }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
