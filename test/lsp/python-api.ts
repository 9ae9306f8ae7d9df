/** A FastAPI service as the LSP tests lint it: a Dockerfile that copies requirements.txt, and that file with and without a SQLite driver. */
export const DOCKERFILE = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
`;
export const WITHOUT_SQLITE = 'fastapi==0.121.0\nuvicorn==0.38.0\n';
export const WITH_SQLITE = 'fastapi==0.121.0\nuvicorn==0.38.0\naiosqlite==0.21.0\n';
